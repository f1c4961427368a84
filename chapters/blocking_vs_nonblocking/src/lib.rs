//! Chapter "Blocking and non-blocking": N requests to a slow server, made
//! one after another with a blocking client, on a pool of threads, on
//! several processes, and with an async client on tokio, async-std and smol.
//!
//! Run it with `cargo run --example blocking_vs_nonblocking`.

pub mod async_std_version;
pub mod scenario;
pub mod smol_version;
pub mod std_version;
pub mod tokio_version;

use harness::{Example, Flag, Run, Runtime, Scenario, Settings, Timeline};
use scenario::*;
use std::process::ExitCode;

/// Runs `fetch` against a fresh slow server and reports what came back and
/// how many requests the server had in flight at once.
fn against_server<E: std::fmt::Display>(
    settings: &Settings,
    fetch: impl FnOnce(std::net::SocketAddr) -> Result<Vec<String>, E>,
) -> Result<String, String> {
    let server = start_server(settings);
    let titles = fetch(server.addr).map_err(|e| e.to_string())?;
    Ok(format!(
        "{:?}",
        Fetched {
            titles,
            peak_in_flight: server.stats.peak_in_flight()
        }
    ))
}

fn sequential(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(s, |addr| std_version::sequential(tl, s, addr))
}

fn threads(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(s, |addr| std_version::threads(tl, s, addr))
}

fn processes(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(s, |addr| std_version::processes(tl, s, addr))
}

fn busy_poll(tl: &Timeline, s: &Settings) -> Result<String, String> {
    let server = start_server(s);
    std_version::busy_poll(tl, server.addr).map_err(|e| e.to_string())
}

fn async_clients(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
    let tl = tl.clone();
    against_server(s, |addr| match runtime {
        Runtime::TokioCurrentThread => {
            unreachable!("blocking_vs_nonblocking runs tokio's default scheduler only")
        }
        Runtime::Tokio => tokio_version::block_on(tokio_version::fetch_all(tl, s, addr))
            .map_err(|e| e.to_string()),
        Runtime::AsyncStd => async_std_version::block_on(async_std_version::fetch_all(tl, s, addr))
            .map_err(|e| e.to_string()),
        Runtime::Smol => {
            smol_version::block_on(smol_version::fetch_all(tl, s, addr)).map_err(|e| e.to_string())
        }
    })
}

/// What `cargo run --example blocking_vs_nonblocking` runs.
pub const EXAMPLE: Example = Example {
    name: "blocking_vs_nonblocking",
    about: "N requests to a slow local server: one by one, on threads, on processes, and async.",
    runtimes: Runtime::THREE,
    default_unit_ms: 200,
    min_unit_ms: 1,
    flags: &[
        Flag {
            name: REQUESTS,
            default: 5,
            min: 1,
            max: 10_000,
            help: "how many pages to fetch",
        },
        Flag {
            name: WORKERS,
            default: 2,
            min: 1,
            max: 256,
            help: "threads in the pool, or processes",
        },
    ],
    final_table: true,
    scenarios: &[
        Scenario {
            name: "sequential",
            about: "a blocking client, one request after another",
            run: Run::Once("one thread", sequential),
            ideal: Some(ideal_sequential),
        },
        Scenario {
            name: "threads",
            about: "the blocking client on a pool of --workers threads",
            run: Run::Once("threads", threads),
            ideal: Some(ideal_workers),
        },
        Scenario {
            name: "processes",
            about: "the blocking client in --workers processes",
            run: Run::Once("processes", processes),
            ideal: Some(ideal_workers),
        },
        Scenario {
            name: "async",
            about: "an async client, every request in flight at once",
            run: Run::PerRuntime(async_clients),
            ideal: Some(ideal_concurrent),
        },
        Scenario {
            name: "busy_poll",
            about: "one request on a non-blocking socket, polled by hand",
            run: Run::Once("busy-poll", busy_poll),
            ideal: Some(ideal_concurrent),
        },
    ],
};

/// The example's `main`. In a child process of the `processes` scenario it
/// fetches the pages it was given instead.
pub fn main() -> ExitCode {
    if let Some(code) = std_version::child_main() {
        return code;
    }
    harness::main(&EXAMPLE)
}
