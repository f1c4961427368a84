//! Chapter "Callbacks": what Python's `add_done_callback` and
//! `functools.partial` become in Rust (combinators on a future before it is
//! spawned, closures that capture their arguments, a channel the caller
//! awaits), a chain of callbacks beside the same steps with `.await`, and
//! results read through `.await` with no callback at all.
//!
//! Run it with `cargo run --example callbacks`.

pub mod async_std_version;
pub mod scenario;
pub mod smol_version;
pub mod tokio_version;

use harness::{Example, Runtime, Scenario};

/// What `cargo run --example callbacks` runs.
pub const EXAMPLE: Example = Example {
    name: "callbacks",
    about: "Done-callbacks, partial, channels and .await on tokio, async-std and smol.",
    runtimes: Runtime::THREE,
    default_unit_ms: 100,
    // The sites' delays differ by one unit: below this, a busy machine's
    // scheduling delays are as long as a unit and can reorder them.
    min_unit_ms: 50,
    flags: &[],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "done_callback",
            about: "a fetch of 2 units with a callback; await the task",
            ideal: None,
            run: harness::per_runtime!(done_callback),
        },
        Scenario {
            name: "partial",
            about: "fetches of 3, 1, 2 units, each callback given its URL",
            ideal: None,
            run: harness::per_runtime!(partial),
        },
        Scenario {
            name: "channel",
            about: "the same fetches; callbacks send, the caller awaits",
            ideal: None,
            run: harness::per_runtime!(channel),
        },
        Scenario {
            name: "chain",
            about: "fetch (2 units), parse (1), save (1) as a then-chain",
            ideal: None,
            run: harness::per_runtime!(chain),
        },
        Scenario {
            name: "awaited",
            about: "the same three steps, one .await after another",
            ideal: None,
            run: harness::per_runtime!(awaited),
        },
        Scenario {
            name: "nested",
            about: "print_sum(100, 200) awaits add, which waits 1 unit",
            ideal: None,
            run: harness::per_runtime!(nested),
        },
    ],
};
