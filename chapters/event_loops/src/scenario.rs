//! What the event-loop scenarios are, whatever the runtime: the jobs, the
//! calls to schedule, and what a correct run returns. The runtime versions
//! import these, so the three stay short and the tests check all three the
//! same way.

use harness::Timeline;
use std::time::Duration;

/// The numbers the Python tutorials add in their first event loop: 5 + 6.
pub const ADD: (u32, u32) = (5, 6);
/// A second pair, for the run that joins two additions.
pub const ADD_TOO: (u32, u32) = (2, 3);

/// A job waits `units` delay units and returns `units`.
#[derive(Clone, Copy, Debug)]
pub struct Job {
    pub name: &'static str,
    pub units: u32,
}

/// Two jobs: the loop is stopped when the first of them finishes (or, in
/// `stop_after_all`, when both have).
pub const TWO_JOBS: [Job; 2] = [
    Job {
        name: "one",
        units: 1,
    },
    Job {
        name: "three",
        units: 3,
    },
];

/// How long the program goes on after stopping the loop: long enough for
/// `three` to finish, if anything still runs it.
pub const AFTER_STOP_UNITS: u32 = 3;

/// What became of the jobs, read from the timeline once the run is over.
#[derive(PartialEq)]
pub struct Outcome {
    pub done: Vec<String>,
    pub cancelled: Vec<String>,
}

/// Short enough for the example's table: `done [one] cancelled [three]`.
impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let list = |names: &[String]| names.join(", ");
        write!(f, "done [{}]", list(&self.done))?;
        if !self.cancelled.is_empty() {
            write!(f, " cancelled [{}]", list(&self.cancelled))?;
        }
        Ok(())
    }
}

pub fn outcome(tl: &Timeline) -> Outcome {
    Outcome {
        done: tl.tasks_with("done"),
        cancelled: tl.tasks_with("cancelled"),
    }
}

/// What `run_until_complete` hands back: one addition run to completion
/// twice on the same runtime (once as a future, once as a spawned task),
/// then two additions joined.
#[derive(Debug, PartialEq)]
pub struct Completed {
    pub future: u32,
    pub task: u32,
    pub joined: (u32, u32),
}

/// What a job given to a closed runtime comes to.
#[derive(Debug, PartialEq)]
pub struct Closed {
    /// An addition run before the runtime was closed.
    pub before: u32,
    /// The same addition handed to the runtime after it was closed: its
    /// result, or what the handle said instead.
    pub after: Result<u32, &'static str>,
}

/// When a scheduled call is due.
#[derive(Clone, Copy, Debug)]
pub enum When {
    /// `loop.call_soon`: as soon as the loop gets to it.
    Soon,
    /// `loop.call_later(units, ...)`: this many units after scheduling.
    Later(u32),
    /// `loop.call_at(start + units, ...)`: at this many units after the
    /// start, a point on the clock rather than a delay.
    At(u32),
}

/// The calls, in the order they are scheduled. They run in another order.
pub const CALLS: [(&str, When); 4] = [
    ("later 3", When::Later(3)),
    ("at 1", When::At(1)),
    ("soon", When::Soon),
    ("later 2", When::Later(2)),
];

/// The order a loop runs `CALLS` in: by when each is due.
pub fn call_order() -> Vec<String> {
    let due = |w: When| match w {
        When::Soon => 0,
        When::Later(u) | When::At(u) => u,
    };
    let mut calls = CALLS.to_vec();
    calls.sort_by_key(|&(_, w)| due(w));
    calls.iter().map(|(name, _)| name.to_string()).collect()
}

/// Three tasks are spawned in this order, and each waits for a message...
pub const SPAWN_ORDER: [&str; 3] = ["a", "b", "c"];
/// ...which the main task sends in this order, after one unit.
pub const WAKE_ORDER: [&str; 3] = ["c", "a", "b"];

/// A loop is a queue: the woken tasks run in the order they were woken.
pub fn run_order() -> Vec<String> {
    WAKE_ORDER.iter().map(|s| s.to_string()).collect()
}

/// How long the scenario takes at best, in units.
pub fn ideal_units(scenario: &str) -> u32 {
    match scenario {
        "stop_at_first" => TWO_JOBS[0].units + AFTER_STOP_UNITS,
        "stop_after_all" => TWO_JOBS[1].units,
        other => panic!("no ideal for `{other}`"),
    }
}

/// The unit of a job's wait.
pub fn delay(job: Job, unit: Duration) -> Duration {
    unit * job.units
}
