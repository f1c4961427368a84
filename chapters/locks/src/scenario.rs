//! What the lock scenarios share, whatever runs them: sizes, the slow
//! server, and how a run is reported.

use std::time::Duration;

// ---------------------------------------------------------------------
// The lost update: tasks that read a counter, await, and write it back.

/// Tasks that each add...
pub const TASKS: u64 = 10;
/// ...this many times: 1000 in all.
pub const ROUNDS: u64 = 100;

/// What the counter ended at, without and with a lock held across the await.
#[derive(Clone, Copy, PartialEq)]
pub struct Counted {
    pub unlocked: u64,
    pub locked: u64,
}

impl std::fmt::Debug for Counted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total = TASKS * ROUNDS;
        // The unlocked count varies from run to run: marked `~`.
        let mark = if self.unlocked == total { "" } else { "~" };
        write!(
            f,
            "no lock: {mark}{} of {total}; async lock: {} of {total}",
            self.unlocked, self.locked
        )
    }
}

// ---------------------------------------------------------------------
// No lock needed: two tasks on one thread, each update done between awaits.

/// Steps each of the two tasks takes.
pub const STEPS: usize = 5;

/// The order the updates came in (`+` add, `-` take away) and the end value.
#[derive(Clone, PartialEq)]
pub struct Interleaved {
    pub order: String,
    pub end: i64,
}

impl std::fmt::Debug for Interleaved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ends at {}", self.order, self.end)
    }
}

// ---------------------------------------------------------------------
// Hangs: the scenarios that would block forever give up after this long.

/// How long a demonstration waits before it calls a wait a hang: twice
/// as long as the slowest fixed version takes.
pub fn give_up_after(unit: Duration) -> Duration {
    unit * 4
}

/// How a piece of code that might hang ended.
#[derive(Clone, PartialEq)]
pub enum Ended {
    /// It finished, after this long.
    Done(Duration),
    /// It was still waiting when the demonstration gave up.
    Stuck,
}

impl std::fmt::Debug for Ended {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Ended::Done(took) => write!(f, "done in {} ms", took.as_millis()),
            Ended::Stuck => write!(f, "stuck"),
        }
    }
}

/// Runs `work` on a thread of its own and waits at most `limit` for it.
/// A thread that is stuck stays stuck (nothing can stop a thread blocked
/// on a lock), so the demonstration leaves it and says so; it ends with
/// the process.
pub fn on_a_thread_within(limit: Duration, work: impl FnOnce() + Send + 'static) -> Ended {
    let started = std::time::Instant::now();
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        work();
        let _ = done.send(());
    });
    match finished.recv_timeout(limit) {
        Ok(()) => Ended::Done(started.elapsed()),
        Err(_) => Ended::Stuck,
    }
}

/// A broken version, then the fixed one.
#[derive(Clone, PartialEq)]
pub struct BrokenFixed {
    pub broken: Ended,
    pub fixed: Ended,
}

impl std::fmt::Debug for BrokenFixed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "broken: {:?}; fixed: {:?}", self.broken, self.fixed)
    }
}

// ---------------------------------------------------------------------
// The waiters of a lock: held by the caller, released after 2 units.

/// The caller holds the lock this many units, then lets go.
pub const HOLD_UNITS: u32 = 2;
/// The tasks that wait for it, started in this order.
pub const WAITERS: [&str; 3] = ["task1", "task2", "task3"];

// ---------------------------------------------------------------------
// A lock around a cache: five callers want the same page at once.

/// Callers at once.
pub const CALLERS: usize = 5;

/// The slow server: every answer takes one unit.
pub fn slow_server(unit: Duration) -> slow_server::RunningServer {
    slow_server::start(slow_server::Config::with_delay(unit)).expect("start the slow server")
}

/// How many fetches the server served, without and with the lock.
#[derive(Clone, Copy, PartialEq)]
pub struct Fetches {
    pub unlocked: u64,
    pub locked: u64,
}

impl std::fmt::Debug for Fetches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{CALLERS} callers: {} fetches without the lock, {} with it",
            self.unlocked, self.locked
        )
    }
}

// ---------------------------------------------------------------------
// Deadlock: A takes a then b, B takes b then a.

/// What each of the two workers does: its name and its locks, in order.
pub const WORKERS: [(&str, [usize; 2]); 2] = [("A", [0, 1]), ("B", [1, 0])];
/// The fix: both take the locks in the same order.
pub const ORDERED: [(&str, [usize; 2]); 2] = [("A", [0, 1]), ("B", [0, 1])];
/// The locks' names, for the timeline.
pub const LOCK_NAMES: [&str; 2] = ["a", "b"];
/// Each worker holds its first lock this many units before it asks for the
/// second: long enough for the other to take its first lock too.
pub const HOLD_FIRST_UNITS: u32 = 1;
