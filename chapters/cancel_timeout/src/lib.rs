//! Chapter "Cancellation, timeouts and Ctrl-C": cancelling a task at its
//! `.await` with clean-up, timeouts on a future and on a task's handle,
//! `shield`, a deadline against per-step timeouts, cooperative cancellation
//! with a token, a task group, the cancel-safety lab (a `select!` loop that
//! loses messages when the branch it drops was half-way through a read, and
//! two fixes), and a graceful shutdown on Ctrl-C (`shutdown`).
//!
//! Run it with `cargo run --example cancel_timeout`.

pub mod async_std_version;
pub mod scenario;
pub mod shutdown;
pub mod smol_version;
pub mod tokio_version;

use harness::{Example, Run, Runtime, Scenario, Settings, Timeline};

/// Runs one scenario function, which exists with the same name in each
/// runtime module, with that version's `block_on`, and prints its counts.
macro_rules! on_runtime {
    ($scenario:ident) => {{
        fn run(runtime: Runtime, tl: &Timeline, _s: &Settings) -> Result<String, String> {
            let record = tl.start("receiver");
            let received = match runtime {
                Runtime::Tokio => tokio_version::block_on(tokio_version::$scenario()),
                Runtime::AsyncStd => async_std_version::block_on(async_std_version::$scenario()),
                Runtime::Smol => smol_version::block_on(smol_version::$scenario()),
                Runtime::TokioCurrentThread | Runtime::Tiny => {
                    unreachable!("cancel_timeout runs the three runtimes only")
                }
            };
            record.done(());
            Ok(received.summary())
        }
        Run::PerRuntime(run)
    }};
}

/// What `cargo run --example cancel_timeout` runs.
pub const EXAMPLE: Example = Example {
    name: "cancel_timeout",
    about: "Cancellation and timeouts on tokio, async-std and smol.",
    runtimes: Runtime::THREE,
    default_unit_ms: 100,
    // Timeouts and jobs differ by half a unit at least.
    min_unit_ms: 50,
    flags: &[],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "cancel_at_await",
            about: "a job of 3 units cancelled after 1; its clean-up runs",
            ideal: None,
            run: harness::per_runtime!(cancel_at_await),
        },
        Scenario {
            name: "timeout",
            about: "a job of 3 units under a timeout of 2 (wait_for)",
            ideal: None,
            run: harness::per_runtime!(timeout),
        },
        Scenario {
            name: "timeout_on_handle",
            about: "the same timeout on a spawned task's handle",
            ideal: None,
            run: harness::per_runtime!(timeout_on_handle),
        },
        Scenario {
            name: "shield",
            about: "give up waiting after 2 units, keep the job, get it later",
            ideal: None,
            run: harness::per_runtime!(shield),
        },
        Scenario {
            name: "deadline_vs_step",
            about: "steps of 1 unit: 1.5 each, or 2.5 for all three",
            ideal: None,
            run: harness::per_runtime!(deadline_vs_step),
        },
        Scenario {
            name: "task_group",
            about: "jobs of 3, 1, 2 units; b fails: the group cancels a and c",
            ideal: None,
            run: harness::per_runtime!(task_group),
        },
        Scenario {
            name: "token",
            about: "a worker told to stop after 2.5 units flushes, then ends",
            ideal: None,
            run: harness::per_runtime!(token),
        },
        Scenario {
            name: "lost_reads",
            about: "select! on read_exact and a 1 ms ticker: messages lost",
            ideal: None,
            run: on_runtime!(lost_reads),
        },
        Scenario {
            name: "kept_future",
            about: "the same, with the read_exact future kept across ticks",
            ideal: None,
            run: on_runtime!(kept_future),
        },
        Scenario {
            name: "cancel_safe_read",
            about: "the same, with read (cancel-safe) into a buffer",
            ideal: None,
            run: on_runtime!(cancel_safe_read),
        },
    ],
};
