//! Chapter "Locks, deadlock and reentrancy": the lost update fixed by a
//! lock held across an `.await`, when a plain `std::sync::Mutex` is right
//! in async code and when it is not, the order in which waiting tasks get
//! a lock, a lock around a cache, locking a lock twice, and a deadlock
//! found by a timeout and fixed by lock ordering; with OS threads, and on
//! tokio, async-std and smol.
//!
//! Run it with `cargo run --example locks`.

pub mod async_std_version;
pub mod scenario;
pub mod smol_version;
pub mod std_version;
pub mod tokio_version;

use harness::{Example, Run, Runtime, Scenario, Settings, Timeline};

fn reentrant(tl: &Timeline, s: &Settings) -> Result<String, String> {
    Ok(format!("{:?}", std_version::reentrant(tl, s.unit)))
}

fn deadlock_threads(tl: &Timeline, s: &Settings) -> Result<String, String> {
    Ok(format!("{:?}", std_version::deadlock(tl, s.unit)))
}

/// What `cargo run --example locks` runs.
pub const EXAMPLE: Example = Example {
    name: "locks",
    about: "Locks, deadlock and reentrancy, with threads and on three runtimes.",
    runtimes: Runtime::THREE,
    default_unit_ms: 100,
    // A thread's start and a lock's hand-over must stay well under a unit.
    min_unit_ms: 20,
    flags: &[],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "lost_update",
            about: "10 tasks x 100: read, await, write; then with a lock",
            ideal: None,
            run: harness::per_runtime!(lost_update),
        },
        Scenario {
            name: "no_lock_needed",
            about: "two tasks on one thread share a Cell: +1 and -1, 5 each",
            ideal: None,
            run: harness::per_runtime!(builds_runtime no_lock_needed),
        },
        Scenario {
            name: "std_guard_across_await",
            about: "a std Mutex guard held across an await, on one thread",
            ideal: None,
            run: harness::per_runtime!(builds_runtime std_guard_across_await),
        },
        Scenario {
            name: "waiters",
            about: "the caller holds the lock 2 units; 3 tasks wait for it",
            ideal: None,
            run: harness::per_runtime!(waiters),
        },
        Scenario {
            name: "cache",
            about: "5 callers want a page (1 unit): no lock, then a lock",
            ideal: None,
            run: harness::per_runtime!(builds_runtime cache),
        },
        Scenario {
            name: "reentrant",
            about: "a thread locks a std Mutex it already holds",
            ideal: None,
            run: Run::Once("threads", reentrant),
        },
        Scenario {
            name: "reentrant_task",
            about: "a task locks an async Mutex it already holds",
            ideal: None,
            run: harness::per_runtime!(reentrant_task),
        },
        Scenario {
            name: "deadlock_threads",
            about: "threads A(a, b) and B(b, a); then both take a first",
            ideal: None,
            run: Run::Once("threads", deadlock_threads),
        },
        Scenario {
            name: "deadlock",
            about: "the same as tasks, under a timeout; then a before b",
            ideal: None,
            run: harness::per_runtime!(deadlock),
        },
    ],
};
