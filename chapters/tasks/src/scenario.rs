//! What the task scenarios are, whatever the runtime: the jobs, when the
//! main task looks at them, and what a correct run returns.

use harness::Timeline;
use std::time::Duration;

/// A job waits `units` delay units and returns `units`.
#[derive(Clone, Copy, Debug)]
pub struct Job {
    pub name: &'static str,
    pub units: u32,
}

impl Job {
    pub fn delay(&self, unit: Duration) -> Duration {
        unit * self.units
    }
}

/// The job whose states the main task watches...
pub const WATCHED: Job = Job {
    name: "watched",
    units: 2,
};
/// ...at these moments, in units from the spawn.
pub const LOOK_AT_UNITS: [u32; 3] = [0, 1, 3];

/// What the main task saw through the handle, then the job's result.
#[derive(PartialEq)]
pub struct States {
    pub seen: Vec<&'static str>,
    pub result: u32,
}

/// Short enough for the example's table: `pending, pending, finished; 2`.
impl std::fmt::Debug for States {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}; result {}", self.seen.join(", "), self.result)
    }
}

/// A job is finished from the look after its delay on.
pub fn expected_states() -> States {
    States {
        seen: LOOK_AT_UNITS
            .iter()
            .map(|&at| {
                if at >= WATCHED.units {
                    "finished"
                } else {
                    "pending"
                }
            })
            .collect(),
        result: WATCHED.units,
    }
}

/// Two jobs, both cancelled after `CANCEL_AT_UNITS`: `short` is already
/// done by then, `long` is not.
pub const SHORT_AND_LONG: [Job; 2] = [
    Job {
        name: "short",
        units: 1,
    },
    Job {
        name: "long",
        units: 3,
    },
];
pub const CANCEL_AT_UNITS: u32 = 2;

/// What cancelling hands back: the result of a job that had finished, and
/// nothing for one that had not.
pub fn expected_cancel() -> [Option<u32>; 2] {
    SHORT_AND_LONG.map(|j| (j.units <= CANCEL_AT_UNITS).then_some(j.units))
}

/// A job whose handle is dropped `DROP_AT_UNITS` after the spawn, while
/// the job waits; the program then waits `AFTER_DROP_UNITS` more to see
/// whether it still finishes.
pub const DROPPED: Job = Job {
    name: "dropped",
    units: 2,
};
pub const DROP_AT_UNITS: u32 = 1;
pub const AFTER_DROP_UNITS: u32 = 2;

/// How a task ended, from the timeline.
pub fn fate(tl: &Timeline, task: &str) -> &'static str {
    if tl.time_of(task, "done").is_some() {
        "done"
    } else if tl.time_of(task, "cancelled").is_some() {
        "cancelled"
    } else if tl.time_of(task, "start").is_some() {
        "still running"
    } else {
        "never started"
    }
}

/// Three jobs that are not `Send` (they share an `Rc`): they append their
/// name to a shared log when their wait is over.
pub const LOCAL_JOBS: [Job; 3] = [
    Job {
        name: "three",
        units: 3,
    },
    Job {
        name: "one",
        units: 1,
    },
    Job {
        name: "two",
        units: 2,
    },
];

/// They run at once on one thread: the log is in order of their delays.
pub fn expected_local_log() -> Vec<&'static str> {
    let mut jobs = LOCAL_JOBS.to_vec();
    jobs.sort_by_key(|j| j.units);
    jobs.iter().map(|j| j.name).collect()
}

/// The name of the `i`th of many tasks.
pub fn many_name(i: usize) -> String {
    format!("t{i:06}")
}
