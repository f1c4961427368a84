//! Chapter "Blocking and non-blocking": N requests to a slow server, made
//! one after another with a blocking client, on a pool of threads, on
//! several processes, and with an async client on tokio, async-std and smol.
//!
//! Run it with `cargo run --example blocking_vs_nonblocking`.

pub mod async_std_version;
pub use harness::open_files;
pub mod scenario;
pub mod smol_version;
pub mod std_version;
pub mod tokio_version;

use harness::{Example, Flag, Run, Runtime, Scenario, Settings, Timeline};
use scenario::*;
use std::net::SocketAddr;
use std::process::ExitCode;

/// The most requests `scenario` has in flight at once.
pub fn in_flight(scenario: &str, s: &Settings) -> u64 {
    let requests = s.value(REQUESTS);
    match scenario {
        "sequential" | "busy_poll" => 1,
        "threads" | "processes" => requests.min(s.value(WORKERS)),
        _ => requests,
    }
}

/// Makes sure `concurrent` requests in flight will not run out of file
/// descriptors; see [`open_files`].
fn check_open_files(concurrent: u64) -> Result<(), String> {
    let why = format!("{concurrent} requests in flight at once");
    open_files::ensure(open_files::needed_for(concurrent), &why)
}

/// Starts a slow server whose answers wait one unit, or says why it could not.
fn server(settings: &Settings) -> Result<slow_server::RunningServer, String> {
    slow_server::start(server_config(settings))
        .map_err(|e| format!("could not start the slow server: {}", error_chain(&e)))
}

/// Runs `fetch` against a fresh slow server with up to `concurrent` requests
/// in flight, and reports what came back and how many requests the server
/// had in flight at once; or the error, with its causes.
fn against_server<E: std::error::Error>(
    settings: &Settings,
    concurrent: u64,
    fetch: impl FnOnce(SocketAddr) -> Result<Vec<String>, E>,
) -> Result<String, String> {
    check_open_files(concurrent)?;
    let server = server(settings)?;
    let titles = fetch(server.addr).map_err(chain)?;
    Ok(format!(
        "{:?}",
        Fetched {
            titles,
            peak_in_flight: server.stats.peak_in_flight()
        }
    ))
}

fn sequential(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(s, in_flight("sequential", s), |addr| {
        std_version::sequential(tl, s, addr)
    })
}

fn threads(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(s, in_flight("threads", s), |addr| {
        std_version::threads(tl, s, addr)
    })
}

fn processes(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(s, in_flight("processes", s), |addr| {
        std_version::processes(tl, s, addr)
    })
}

fn busy_poll(tl: &Timeline, s: &Settings) -> Result<String, String> {
    let server = server(s)?;
    std_version::busy_poll(tl, server.addr).map_err(chain)
}

/// An error as the harness prints it: with every cause below it.
fn chain<E: std::error::Error>(error: E) -> String {
    error_chain(&error)
}

fn async_clients(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
    check_open_files(in_flight("async", s))?;
    let server = server(s)?;
    let (tl, addr) = (tl.clone(), server.addr);
    let titles = match runtime {
        Runtime::TokioCurrentThread | Runtime::Tiny => {
            unreachable!("blocking_vs_nonblocking runs tokio's default scheduler only")
        }
        Runtime::Tokio => {
            tokio_version::block_on(tokio_version::fetch_all(tl, s, addr)).map_err(chain)
        }
        Runtime::AsyncStd => {
            async_std_version::block_on(async_std_version::fetch_all(tl, s, addr)).map_err(chain)
        }
        Runtime::Smol => {
            smol_version::block_on(smol_version::fetch_all(tl, s, addr)).map_err(chain)
        }
    }?;
    Ok(format!(
        "{:?}",
        Fetched {
            titles,
            peak_in_flight: server.stats.peak_in_flight()
        }
    ))
}

fn as_completed(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
    check_open_files(in_flight("as_completed", s))?;
    let server = server(s)?;
    let (tl, addr) = (tl.clone(), server.addr);
    let arrived = match runtime {
        Runtime::TokioCurrentThread | Runtime::Tiny => {
            unreachable!("blocking_vs_nonblocking runs tokio's default scheduler only")
        }
        Runtime::Tokio => {
            tokio_version::block_on(tokio_version::fetch_as_completed(tl, s, addr)).map_err(chain)
        }
        Runtime::AsyncStd => {
            async_std_version::block_on(async_std_version::fetch_as_completed(tl, s, addr))
                .map_err(chain)
        }
        Runtime::Smol => {
            smol_version::block_on(smol_version::fetch_as_completed(tl, s, addr)).map_err(chain)
        }
    }?;
    Ok(format!("{:?}", Arrived(arrived)))
}

/// What `cargo run --example blocking_vs_nonblocking` runs.
pub const EXAMPLE: Example = Example {
    name: "blocking_vs_nonblocking",
    about: "N requests to a slow local server: one by one, on threads, in processes, async.",
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
            name: "as_completed",
            about: "the slowest asked first: results in the order they arrive",
            run: Run::PerRuntime(as_completed),
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
    // Fail before the first scenario, not after minutes of the slow ones.
    if let Err(message) = check_before_running(std::env::args_os().skip(1)) {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    harness::main(&EXAMPLE)
}

/// Checks that the open-file limit allows the most requests in flight any
/// selected scenario will have. Arguments the harness will refuse pass
/// here: the harness says what is wrong with them.
pub fn check_before_running(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Result<(), String> {
    let Ok(args) = harness::cli::args_from_os(args) else {
        return Ok(());
    };
    let Ok(harness::cli::Command::Run(settings)) = harness::cli::parse(&EXAMPLE, &args) else {
        return Ok(());
    };
    let most = settings
        .scenarios
        .iter()
        .map(|scenario| in_flight(scenario, &settings))
        .max()
        .unwrap_or(1);
    check_open_files(most)
}
