//! Chapter "Conditions": the Python tutorial's two smart speakers taking
//! turns with a condition variable, the notify that is lost when they
//! start in the other order (bounded by a timeout), the fix (a record of
//! whose turn it is, and a wait in a loop), `notify(n)` and `notify_all`,
//! and consumers woken to nothing; with OS threads, and on tokio,
//! async-std and smol.
//!
//! Run it with `cargo run --example conditions`.

pub mod async_std_version;
pub mod scenario;
pub mod smol_version;
pub mod std_version;
pub mod tokio_version;

use harness::{Example, Run, Runtime, Scenario, Settings, Timeline};

fn dialogue_threads(tl: &Timeline, s: &Settings) -> Result<String, String> {
    Ok(format!("{:?}", std_version::dialogue(tl, s.unit)))
}

fn lost_notify_threads(tl: &Timeline, s: &Settings) -> Result<String, String> {
    Ok(format!("{:?}", std_version::lost_notify(tl, s.unit)))
}

fn turns_threads(tl: &Timeline, s: &Settings) -> Result<String, String> {
    Ok(format!("{:?}", std_version::turns(tl, s.unit)))
}

fn woken_to_nothing(tl: &Timeline, s: &Settings) -> Result<String, String> {
    Ok(format!("{:?}", std_version::woken_to_nothing(tl, s.unit)))
}

/// What `cargo run --example conditions` runs.
pub const EXAMPLE: Example = Example {
    name: "conditions",
    about: "Conditions: wait, notify and taking turns, threads and three runtimes.",
    runtimes: Runtime::THREE,
    default_unit_ms: 100,
    // A thread's start and a wake-up must stay well under half a unit.
    min_unit_ms: 20,
    flags: &[],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "dialogue_threads",
            about: "Condvar: speak, notify, wait; XiaoAi starts first",
            ideal: None,
            run: Run::Once("threads", dialogue_threads),
        },
        Scenario {
            name: "lost_notify_threads",
            about: "the same dialogue, TianMao first: its notify is lost",
            ideal: None,
            run: Run::Once("threads", lost_notify_threads),
        },
        Scenario {
            name: "turns_threads",
            about: "TianMao first, with a record of whose turn it is",
            ideal: None,
            run: Run::Once("threads", turns_threads),
        },
        Scenario {
            name: "lost_notify",
            about: "the dialogue as tasks, TianMao first: the notify is lost",
            ideal: None,
            run: harness::per_runtime!(lost_notify),
        },
        Scenario {
            name: "turns",
            about: "the dialogue as tasks, TianMao first, whose turn recorded",
            ideal: None,
            run: harness::per_runtime!(turns),
        },
        Scenario {
            name: "notify_n",
            about: "5 waiters; notify(1), then notify(2), then notify_all",
            ideal: None,
            run: harness::per_runtime!(notify_n),
        },
        Scenario {
            name: "woken_to_nothing",
            about: "3 threads wait; 1 item, notify_all; with if, then while",
            ideal: None,
            run: Run::Once("threads", woken_to_nothing),
        },
    ],
};
