//! Chapter "Event loops and runtimes": building a runtime and running a
//! future to completion on it, running until something says stop, what a
//! closed runtime does with new work, scheduling calls soon, later and at
//! a time, and the loop as a queue of woken tasks.
//!
//! Run it with `cargo run --example event_loops`.

pub mod async_std_version;
pub mod scenario;
pub mod smol_version;
pub mod tokio_version;

use harness::{Example, Runtime, Scenario, Settings};

/// The ideal of a scenario, from its name in `scenario::ideal_units`.
macro_rules! ideal {
    ($name:literal) => {{
        fn ideal(s: &Settings) -> std::time::Duration {
            s.unit * scenario::ideal_units($name)
        }
        Some(ideal as fn(&Settings) -> std::time::Duration)
    }};
}

/// What `cargo run --example event_loops` runs.
pub const EXAMPLE: Example = Example {
    name: "event_loops",
    about: "Event loops on tokio, async-std and smol: run, stop, close, schedule.",
    runtimes: Runtime::THREE,
    default_unit_ms: 100,
    // Calls due 1 unit apart must not swap on a busy machine.
    min_unit_ms: 50,
    flags: &[],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "run_until_complete",
            about: "5 + 6 three times on one runtime: future, task, join",
            ideal: None,
            run: harness::per_runtime!(builds_runtime run_until_complete),
        },
        Scenario {
            name: "stop_at_first",
            about: "jobs of 1 and 3 units; stop when the first is done",
            ideal: ideal!("stop_at_first"),
            run: harness::per_runtime!(builds_runtime stop_at_first),
        },
        Scenario {
            name: "stop_after_all",
            about: "jobs of 1 and 3 units; stop when both are done",
            ideal: ideal!("stop_after_all"),
            run: harness::per_runtime!(builds_runtime stop_after_all),
        },
        Scenario {
            name: "closed",
            about: "5 + 6 before and after closing the runtime",
            ideal: None,
            run: harness::per_runtime!(builds_runtime closed),
        },
        Scenario {
            name: "call_soon_later_at",
            about: "calls scheduled soon, later and at a time",
            ideal: None,
            run: harness::per_runtime!(builds_runtime call_soon_later_at),
        },
        Scenario {
            name: "ready_queue",
            about: "tasks a, b, c woken in the order c, a, b",
            ideal: None,
            run: harness::per_runtime!(builds_runtime ready_queue),
        },
    ],
};
