//! Chapter "Cancellation, timeouts and Ctrl-C" (being written; issue 12).
//! So far: the cancel-safety lab, a `select!` loop that loses messages
//! when the branch it drops was half-way through a read, and two fixes.
//!
//! Run it with `cargo run --example cancel_timeout`.

pub mod async_std_version;
pub mod scenario;
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
            record.done(received.intact);
            Ok(received.summary())
        }
        Run::PerRuntime(run)
    }};
}

/// What `cargo run --example cancel_timeout` runs.
pub const EXAMPLE: Example = Example {
    name: "cancel_timeout",
    about: "Cancellation on tokio, async-std and smol: the cancel-safety lab.",
    runtimes: Runtime::THREE,
    default_unit_ms: 100,
    min_unit_ms: 10,
    flags: &[],
    final_table: false,
    scenarios: &[
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
