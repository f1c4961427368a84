//! Chapter "Gather, wait and as-completed": many jobs at once, and the ways to
//! collect them: all results in order, whatever finishes first, everything
//! done by a deadline, each result as it arrives, groups, and cancelling.
//!
//! Run it with `cargo run --example gather_vs_wait`.

pub mod async_std_version;
pub mod scenario;
pub mod smol_version;
pub mod tokio_version;

use harness::{Example, Runtime, Scenario};

/// What `cargo run --example gather_vs_wait` runs.
pub const EXAMPLE: Example = Example {
    name: "gather_vs_wait",
    about: "Gather, wait and as-completed on tokio, async-std and smol, side by side.",
    runtimes: Runtime::THREE,
    default_unit_ms: 100,
    // The jobs differ by one unit: below this, a busy machine's scheduling
    // delays are as long as a unit and can reorder them.
    min_unit_ms: 50,
    flags: &[],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "one_by_one",
            about: "jobs of 3, 1, 2 units, each awaited in turn",
            ideal: None,
            run: harness::per_runtime!(one_by_one),
        },
        Scenario {
            name: "gather",
            about: "jobs of 3, 1, 2 units; results in submission order",
            ideal: None,
            run: harness::per_runtime!(gather),
        },
        Scenario {
            name: "first_error",
            about: "b fails after 1 unit; stop at the first error",
            ideal: None,
            run: harness::per_runtime!(gather_first_error),
        },
        Scenario {
            name: "every_result",
            about: "b fails after 1 unit; keep every result",
            ideal: None,
            run: harness::per_runtime!(gather_every_result),
        },
        Scenario {
            name: "wait_timeout",
            about: "jobs of 1, 2, 4, 5 units; give up after 3",
            ideal: None,
            run: harness::per_runtime!(wait_with_timeout),
        },
        Scenario {
            name: "first_completed",
            about: "jobs of 3, 1, 2 units; take the first result",
            ideal: None,
            run: harness::per_runtime!(first_completed),
        },
        Scenario {
            name: "as_completed",
            about: "jobs of 3, 1, 2 units; each result as it comes",
            ideal: None,
            run: harness::per_runtime!(as_completed),
        },
        Scenario {
            name: "groups",
            about: "a gather of two gathers: [1, 2] and [3, 1] units",
            ideal: None,
            run: harness::per_runtime!(groups),
        },
        Scenario {
            name: "cancel_group",
            about: "groups [2, 1] and [2, 3] units; cancel group 2 after 1",
            ideal: None,
            run: harness::per_runtime!(cancel_group),
        },
        Scenario {
            name: "first_exception",
            about: "b fails after 1 unit; return then, leave a and c running",
            ideal: None,
            run: harness::per_runtime!(first_exception),
        },
        Scenario {
            name: "lazy_futures",
            about: "futures made, 1 unit of other work, then awaited",
            ideal: None,
            run: harness::per_runtime!(lazy_futures),
        },
    ],
};
