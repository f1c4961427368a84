//! Chapter "Bridging threads and runtimes": calling async code from a
//! plain thread (and why not from inside a runtime), handing work to a
//! runtime that runs on another thread, channels with a blocking end and
//! an async end, reqwest (which needs tokio) from async-std and smol, and
//! async code in several processes.
//!
//! Run it with `cargo run --example bridging`.

pub mod async_std_version;
pub mod processes;
pub mod scenario;
pub mod smol_version;
pub mod tokio_version;

use harness::{Example, Run, Runtime, Scenario, Settings, Timeline};
use std::process::ExitCode;

/// The reqwest scenarios: on tokio, reqwest needs no bridge.
macro_rules! reqwest_scenario {
    ($scenario:ident) => {{
        fn run(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
            let (tl, unit) = (tl.clone(), s.unit);
            let fetched = match runtime {
                Runtime::Tokio => tokio_version::reqwest_native(tl, unit),
                Runtime::AsyncStd => async_std_version::$scenario(tl, unit),
                Runtime::Smol => smol_version::$scenario(tl, unit),
                Runtime::TokioCurrentThread | Runtime::Tiny => {
                    unreachable!("bridging runs the three runtimes only")
                }
            };
            Ok(format!("{fetched:?}"))
        }
        Run::PerRuntime(run)
    }};
}

/// 50 requests to the slow server from this process, then from two
/// worker processes, each with a runtime of its own.
fn processes(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
    use processes::*;
    let server = scenario::slow_server(s.unit);
    let addr = server.addr;
    let record = tl.start("1 proc");
    let (ok, took) = timed(|| match runtime {
        Runtime::Tokio => {
            tokio_version::block_on(tokio_version::fetch_many(addr, PROCESS_REQUESTS))
        }
        Runtime::AsyncStd => {
            async_std_version::block_on(async_std_version::fetch_many(addr, PROCESS_REQUESTS))
        }
        Runtime::Smol => smol_version::block_on(smol_version::fetch_many(addr, PROCESS_REQUESTS)),
        Runtime::TokioCurrentThread | Runtime::Tiny => unreachable!("three runtimes only"),
    });
    record.done(ok);
    let one = (ok, took);
    let record = tl.start("2 procs");
    let (several, took) = timed(|| in_processes(runtime.name(), PROCESSES, PROCESS_REQUESTS, addr));
    let several = several.map_err(|e| format!("could not run the worker processes: {e}"))?;
    record.done(several);
    Ok(format!(
        "{:?}",
        Spread {
            one,
            several: (several, took)
        }
    ))
}

/// What `cargo run --example bridging` runs.
pub const EXAMPLE: Example = Example {
    name: "bridging",
    about: "Threads, runtimes and processes bridged, on tokio, async-std and smol.",
    runtimes: Runtime::THREE,
    default_unit_ms: 100,
    // Below this, a thread's start is a good part of a unit.
    min_unit_ms: 20,
    flags: &[],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "block_on_from_thread",
            about: "3 plain threads run a 1-unit job each with block_on",
            ideal: None,
            run: harness::per_runtime!(builds_runtime block_on_from_thread),
        },
        Scenario {
            name: "block_on_inside",
            about: "block_on inside a task, beside a heartbeat task",
            ideal: None,
            run: harness::per_runtime!(block_on_inside),
        },
        Scenario {
            name: "run_on_loop_thread",
            about: "jobs of 2 and 3 units sent to a runtime on another thread",
            ideal: None,
            run: harness::per_runtime!(builds_runtime run_on_loop_thread),
        },
        Scenario {
            name: "call_soon_threadsafe",
            about: "a callback on a list, or spawned, while the loop sleeps",
            ideal: None,
            run: harness::per_runtime!(builds_runtime call_soon_threadsafe),
        },
        Scenario {
            name: "channels",
            about: "sensor thread -> async step, 1 unit each -> plain thread",
            ideal: None,
            run: harness::per_runtime!(builds_runtime channels),
        },
        Scenario {
            name: "reqwest_unbridged",
            about: "5 requests with reqwest, without a tokio runtime",
            ideal: None,
            run: reqwest_scenario!(reqwest_unbridged),
        },
        Scenario {
            name: "reqwest_compat",
            about: "the same through async-compat",
            ideal: None,
            run: reqwest_scenario!(reqwest_compat),
        },
        Scenario {
            name: "reqwest_side_runtime",
            about: "the same on a tokio runtime beside the other one",
            ideal: None,
            run: reqwest_scenario!(reqwest_side_runtime),
        },
        Scenario {
            name: "processes",
            about: "50 requests (1 unit each) from 1 process, then from 2",
            ideal: None,
            run: Run::PerRuntime(processes),
        },
    ],
};

/// The example's `main`; in a worker process, the worker's job instead.
pub fn main() -> ExitCode {
    match processes::worker_order() {
        None => harness::main(&EXAMPLE),
        Some(order) => processes::worker_exit(order.and_then(|order| {
            let (addr, n) = (order.addr, order.requests);
            match order.runtime.as_str() {
                "tokio" => Ok(tokio_version::block_on(tokio_version::fetch_many(addr, n))),
                "async-std" => Ok(async_std_version::block_on(async_std_version::fetch_many(
                    addr, n,
                ))),
                "smol" => Ok(smol_version::block_on(smol_version::fetch_many(addr, n))),
                other => Err(format!("unknown runtime `{other}`")),
            }
        })),
    }
}
