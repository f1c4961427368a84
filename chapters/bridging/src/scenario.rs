//! What the bridging scenarios share, whatever the runtime: their sizes,
//! the names of the threads, and how a run is reported.

use harness::Timeline;
use std::time::Duration;

/// The plain threads of `block_on_from_thread`, each with a job of...
pub const PLAIN_THREADS: [&str; 3] = ["plain-1", "plain-2", "plain-3"];
/// ...this many units. They overlap, so all are done after about 1 unit.
pub const THREAD_JOB_UNITS: u32 = 1;
/// One more plain thread runs the same job with `futures::executor::block_on`,
/// an executor that belongs to no runtime.
pub const FUTURES_THREAD: &str = "futures";

/// The name of the current thread, as the scenarios report it.
pub fn thread_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("(unnamed)")
        .to_string()
}

/// What a plain thread got from running a job with a `block_on`.
#[derive(Clone, PartialEq)]
pub enum Outcome {
    /// The job's value, and the thread it ran on.
    Done(u32, String),
    /// The call panicked, with this message.
    Panicked(String),
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Done(value, thread) => write!(f, "{value} on {thread}"),
            Outcome::Panicked(message) => write!(f, "panicked: {message}"),
        }
    }
}

/// Runs `call` on a new plain thread named `name`, and reports what the job
/// gave or how it panicked. A panic stays inside that thread.
pub fn on_plain_thread(
    name: &str,
    call: impl FnOnce() -> u32 + Send + 'static,
) -> std::thread::JoinHandle<Outcome> {
    quiet_expected_panics();
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn(
            move || match std::panic::catch_unwind(std::panic::AssertUnwindSafe(call)) {
                Ok(value) => Outcome::Done(value, thread_name()),
                Err(panic) => Outcome::Panicked(first_line(&harness::panic_message(&panic))),
            },
        )
        .expect("start a plain thread")
}

/// The first line of a message: the part the book quotes.
pub fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or("").to_string()
}

/// Quiets the default panic message for panics the scenarios expect and
/// report themselves (on the `futures` thread, or inside [`outcome_of`]);
/// others print as usual.
pub fn quiet_expected_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let on_futures_thread = std::thread::current().name() == Some(FUTURES_THREAD);
            if !(on_futures_thread || EXPECTING.with(|e| e.get())) {
                default(info);
            }
        }));
    });
}

thread_local! {
    /// Set while a task runs code whose panic the scenario reports.
    static EXPECTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

// ---------------------------------------------------------------------
// block_on inside a runtime: a job of 2 units, run with block_on from
// inside a task, while a heartbeat task on the same runtime ticks.

/// The job that a task runs with `block_on` from inside the runtime.
pub const NESTED_TASK: &str = "nested";
/// The job it runs that way takes this many units...
pub const NESTED_JOB_UNITS: u32 = 2;
/// ...while a heartbeat task ticks every half unit.
pub fn heartbeat_period(unit: Duration) -> Duration {
    unit / 2
}
/// The heartbeat's lane on the timeline.
pub const HEART: &str = "heart";
/// The heartbeats counted are those before 1.9 units: 3 (at 0.5, 1 and 1.5)
/// from a free heartbeat, none from one whose thread the job blocks.
pub fn heartbeat_window(unit: Duration) -> Duration {
    unit * 19 / 10
}

/// Heartbeats on the timeline before `heartbeat_window`.
pub fn beats_in_window(tl: &Timeline, unit: Duration) -> u32 {
    let window = heartbeat_window(unit);
    let beats = tl.events().into_iter();
    beats.filter(|e| e.task == HEART && e.at < window).count() as u32
}

/// Runs `call` (a `block_on` inside a task) and reports its value or its
/// panic, without the panic's usual message on standard error.
pub fn outcome_of(call: impl FnOnce() -> u32) -> Outcome {
    quiet_expected_panics();
    EXPECTING.with(|e| e.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(call));
    EXPECTING.with(|e| e.set(false));
    match result {
        Ok(value) => Outcome::Done(value, thread_name()),
        Err(panic) => Outcome::Panicked(first_line(&harness::panic_message(&panic))),
    }
}

/// What calling `block_on` inside the runtime did.
#[derive(Clone, PartialEq)]
pub struct Nested {
    pub outcome: Outcome,
    /// Heartbeats in the first 1.9 units: 3 if nothing was blocked.
    pub heartbeats: u32,
}

impl std::fmt::Debug for Nested {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} heartbeats; {:?}", self.heartbeats, self.outcome)
    }
}

// ---------------------------------------------------------------------
// run_coroutine_threadsafe: a runtime on a thread of its own; the main
// thread hands it jobs and waits for their results.

/// The thread the runtime runs on, as in the Python tutorial's `loop-thread`.
pub const LOOP_THREAD: &str = "loop-thread";
/// The jobs handed to it: a name and the units each waits.
pub const LOOP_JOBS: [(&str, u32); 2] = [("a", 2), ("b", 3)];

/// One job's result, as the handing thread got it back.
#[derive(Clone, PartialEq)]
pub struct Returned {
    pub job: &'static str,
    pub units: u32,
    /// The thread the job ran on.
    pub ran_on: String,
}

impl std::fmt::Debug for Returned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}) on {}", self.job, self.units, self.ran_on)
    }
}

// ---------------------------------------------------------------------
// call_soon_threadsafe: the loop sleeps until its own timer, 2 units away;
// another thread hands it a callback at once, in two ways.

/// The loop's own timer fires after this many units.
pub const LOOP_WAKES_AT_UNITS: u32 = 2;

/// When each callback ran, in units since the other thread handed it over.
#[derive(Clone, PartialEq)]
pub struct CallbackTimes {
    /// Pushed onto a shared list the loop reads when it wakes: `call_soon`
    /// from the wrong thread.
    pub shared_list: f64,
    /// Handed over with a spawn, which wakes the runtime: `call_soon_threadsafe`.
    pub spawned: f64,
}

impl std::fmt::Debug for CallbackTimes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "shared list: ran after {:.1} units; spawned: after {:.1}",
            self.shared_list, self.spawned
        )
    }
}

/// `at` in units of `unit`, since `from`.
pub fn units_between(from: Duration, at: Duration, unit: Duration) -> f64 {
    at.saturating_sub(from).as_secs_f64() / unit.as_secs_f64()
}

/// When `task` marked `ran` on the timeline, in units after `handed`.
pub fn ran_after(tl: &Timeline, task: &str, handed: Duration, unit: Duration) -> f64 {
    let at = tl.time_of(task, "ran").expect("the callback ran");
    units_between(handed, at, unit)
}

// ---------------------------------------------------------------------
// Channels with a blocking end: a sensor thread sends readings into a
// bounded channel; an async task takes 1 unit over each and sends the
// result back to a plain thread.

/// Readings the sensor thread sends.
pub const READINGS: u32 = 6;
/// The channel holds this many readings; a sensor ahead by more waits.
pub const CAPACITY: usize = 2;

/// What the plain thread at the end received, and how long the sensor
/// waited in its blocking sends (the channel was full).
#[derive(Clone, PartialEq)]
pub struct Piped {
    pub results: Vec<u32>,
    pub sensor_waited: f64,
}

impl std::fmt::Debug for Piped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:?}; the sensor waited {:.1} units",
            self.results, self.sensor_waited
        )
    }
}

/// The async step between the two ends: a reading, handled.
pub fn handled(reading: u32) -> u32 {
    reading * 10
}

// ---------------------------------------------------------------------
// reqwest, which needs tokio, from async-std and smol.

/// Requests sent at once; the slow server takes 1 unit over each.
pub const REQUESTS: usize = 5;

/// The slow server for the reqwest and process scenarios: every answer
/// takes one unit.
pub fn slow_server(unit: Duration) -> slow_server::RunningServer {
    slow_server::start(slow_server::Config::with_delay(unit)).expect("start the slow server")
}

/// What the requests gave back.
#[derive(Clone, PartialEq)]
pub struct Fetched {
    /// Answers that came back with status 200.
    pub ok: usize,
}

impl std::fmt::Debug for Fetched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} of {REQUESTS} ok", self.ok)
    }
}
