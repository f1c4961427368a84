//! Chapter "Semaphores": at most K at once, with OS threads and on tokio,
//! async-std and smol, the server's peak in-flight count as the proof; a
//! client's connection limit, which makes requests go in waves; and
//! batches against a sliding window.
//!
//! Run it with `cargo run --example semaphores`.

pub mod async_std_version;
pub mod scenario;
pub mod smol_version;
pub mod std_version;
pub mod tokio_version;

use harness::{Example, Run, Runtime, Scenario, Settings, Timeline};

fn at_most_k_threads(tl: &Timeline, s: &Settings) -> Result<String, String> {
    Ok(format!("{:?}", std_version::at_most_k(tl, s.unit)))
}

/// The client limit needs an open file per request on each side: too low a
/// limit is an error that says what to do, not a panic.
fn client_limit(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
    let (tl, unit) = (tl.clone(), s.unit);
    let waves = match runtime {
        Runtime::Tokio => tokio_version::client_limit(tl, unit),
        Runtime::AsyncStd => async_std_version::client_limit(tl, unit),
        Runtime::Smol => smol_version::client_limit(tl, unit),
        Runtime::TokioCurrentThread | Runtime::Tiny => unreachable!("three runtimes only"),
    };
    waves.map(|w| format!("{w:?}"))
}

/// What `cargo run --example semaphores` runs.
pub const EXAMPLE: Example = Example {
    name: "semaphores",
    about: "Semaphores: at most K at once, with threads and on three runtimes.",
    runtimes: Runtime::THREE,
    default_unit_ms: 100,
    // A thousand connections must open well within a unit.
    min_unit_ms: 50,
    flags: &[],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "at_most_k_threads",
            about: "10 threads, each a request of 2 units, at most 3 at once",
            ideal: None,
            run: Run::Once("threads", at_most_k_threads),
        },
        Scenario {
            name: "at_most_k",
            about: "10 tasks, each a request of 2 units, at most 3 at once",
            ideal: None,
            run: harness::per_runtime!(builds_runtime at_most_k),
        },
        Scenario {
            name: "client_limit",
            about: "1000 requests of 1 unit: no limit, then at most 100",
            ideal: None,
            run: Run::PerRuntime(client_limit),
        },
        Scenario {
            name: "batches_vs_window",
            about: "30 pages, one in ten of 3 units: batches of 10, a window",
            ideal: None,
            run: harness::per_runtime!(builds_runtime batches_vs_window),
        },
    ],
};
