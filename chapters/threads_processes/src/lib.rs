//! Chapter "Threads and processes": starting and joining OS threads, what
//! Python's daemon threads become, CPU-bound and I/O-bound work serially, on
//! threads and on processes, memory that processes do not share, and which
//! OS threads tokio, async-std and smol run their tasks on.
//!
//! Run it with `cargo run --example threads_processes`. The chapter's main
//! version is plain `std` (std_version.rs); the async runtimes appear only
//! where they add something: the threads they run tasks on.

pub mod async_std_version;
pub mod pools;
pub mod process_pool;
pub mod scenario;
pub mod sharing;
pub mod smol_version;
pub mod std_version;
pub mod tokio_version;

use harness::{Example, Flag, Run, Runtime, Scenario, Settings, Timeline};
use scenario::*;
use std::process::ExitCode;

/// An error as the harness prints it: with every cause below it.
fn chain<E: std::error::Error>(error: E) -> String {
    harness::error_chain(&error)
}

fn threads(tl: &Timeline, s: &Settings) -> Result<String, String> {
    std_version::threads(tl, s).map_err(chain)
}

fn daemon(tl: &Timeline, s: &Settings) -> Result<String, String> {
    std_version::daemon(tl, s).map_err(chain)
}

fn cpu_bound(tl: &Timeline, s: &Settings) -> Result<String, String> {
    let timings = std_version::cpu_bound(tl, s).map_err(chain)?;
    Ok(format!("{timings:?}"))
}

fn io_bound(tl: &Timeline, s: &Settings) -> Result<String, String> {
    let timings = std_version::io_bound(tl, s).map_err(chain)?;
    Ok(format!("{timings:?}"))
}

fn processes_do_not_share(tl: &Timeline, s: &Settings) -> Result<String, String> {
    let counted = std_version::processes_do_not_share(tl, s).map_err(chain)?;
    Ok(format!(
        "children: {:?}; here: {}, then {} with threads",
        counted.in_children, counted.here_after_children, counted.here_after_threads
    ))
}

fn lost_updates(tl: &Timeline, s: &Settings) -> Result<String, String> {
    let (threads, each) = (s.value(WORKERS) as usize, s.value(INCREMENTS));
    Ok(sharing::lost_updates(tl, threads, each).to_string())
}

fn shared_list(tl: &Timeline, s: &Settings) -> Result<String, String> {
    let unchecked = sharing::unchecked_list(tl, s.unit);
    let waiting = sharing::waiting_list(tl, s.unit);
    let of = sharing::CONSUMERS;
    Ok(format!(
        "a URL for: {unchecked} of {of} looking once, {waiting} of {of} waiting"
    ))
}

fn pool_map(tl: &Timeline, s: &Settings) -> Result<String, String> {
    pools::map(tl, s.value(WORKERS) as usize, s.unit).map_err(chain)
}

fn pool_as_completed(tl: &Timeline, s: &Settings) -> Result<String, String> {
    pools::as_completed(tl, s.value(WORKERS) as usize, s.unit).map_err(chain)
}

fn pool_first(tl: &Timeline, s: &Settings) -> Result<String, String> {
    pools::first_completed(tl, s.value(WORKERS) as usize, s.unit).map_err(chain)
}

fn pool_cancel(tl: &Timeline, s: &Settings) -> Result<String, String> {
    pools::cancel(tl, s.value(WORKERS) as usize, s.unit).map_err(chain)
}

fn process_pool(tl: &Timeline, s: &Settings) -> Result<String, String> {
    let results = process_pool::run_pool(tl, s.value(WORKERS) as usize, s.unit).map_err(chain)?;
    Ok(format!(
        "as they came: {}; in order: {}",
        results.as_they_came.join(" "),
        results.in_order.join(" ")
    ))
}

/// The same sleeping tasks on each runtime: which threads they woke on.
fn runtime_threads(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
    let (tl, tasks, nap) = (tl.clone(), s.value(TASKS) as usize, s.unit);
    let woke_on = match runtime {
        Runtime::Tokio => {
            tokio_version::multi_thread().block_on(tokio_version::sleepers(tl, tasks, nap))
        }
        Runtime::TokioCurrentThread => {
            tokio_version::current_thread().block_on(tokio_version::sleepers(tl, tasks, nap))
        }
        Runtime::AsyncStd => {
            async_std_version::block_on(async_std_version::sleepers(tl, tasks, nap))
        }
        Runtime::Smol => smol_version::block_on(smol_version::sleepers(tl, tasks, nap)),
        Runtime::Tiny => unreachable!("threads_processes does not list the tiny runtime"),
    };
    let several_workers = matches!(runtime, Runtime::Tokio | Runtime::AsyncStd);
    Ok(ThreadsUsed(woke_on).describe(several_workers))
}

/// What `cargo run --example threads_processes` runs.
pub const EXAMPLE: Example = Example {
    name: "threads_processes",
    about: "OS threads and processes: CPU and I/O work, and the async runtimes' threads.",
    runtimes: Runtime::WITH_TOKIO_CURRENT_THREAD,
    default_unit_ms: 100,
    // The `daemon` child's worker naps 2 units: far longer than its `main`
    // takes to return, even on a busy machine.
    min_unit_ms: 20,
    flags: &[
        Flag {
            name: WORKERS,
            default: 2,
            min: 1,
            max: 64,
            help: "threads or processes sharing the work",
        },
        Flag {
            name: FIB_MAX,
            default: 35,
            min: FIB_COUNT,
            max: 40,
            help: "cpu_bound computes fib(N-7) to fib(N)",
        },
        Flag {
            name: TASKS,
            default: 4,
            min: 1,
            max: 64,
            help: "naps in io_bound and runtime_threads",
        },
        Flag {
            name: INCREMENTS,
            default: 1_000_000,
            min: 1,
            max: 10_000_000,
            help: "lost_updates: adds per worker",
        },
    ],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "threads",
            about: "spawn and join, a name, a type with its own run, scope",
            run: Run::Once("threads", threads),
            ideal: None,
        },
        Scenario {
            name: "daemon",
            about: "main's return ends a napping worker; join it or stop it",
            run: Run::Once("processes", daemon),
            ideal: None,
        },
        Scenario {
            name: "pool_map",
            about: "a thread pool: submit, done, results in order (map)",
            run: Run::Once("pool", pool_map),
            ideal: Some(pool_ideal),
        },
        Scenario {
            name: "pool_as_completed",
            about: "a thread pool: results as they finish",
            run: Run::Once("pool", pool_as_completed),
            ideal: Some(pool_ideal),
        },
        Scenario {
            name: "pool_first",
            about: "a thread pool: wait for the first result",
            run: Run::Once("pool", pool_first),
            ideal: Some(pool_ideal),
        },
        Scenario {
            name: "pool_cancel",
            about: "a thread pool: dropping a handle cancels only queued jobs",
            run: Run::Once("pool", pool_cancel),
            ideal: Some(pool_cancel_ideal),
        },
        Scenario {
            name: "process_pool",
            about: "a process pool over pipes: answers as they come, in order",
            run: Run::Once("processes", process_pool),
            ideal: Some(pool_ideal),
        },
        Scenario {
            name: "cpu_bound",
            about: "fib(N-7..=N) serially, on threads, on rayon, in processes",
            run: Run::Once("std", cpu_bound),
            ideal: None,
        },
        Scenario {
            name: "io_bound",
            about: "--tasks naps serially, on threads, in processes",
            run: Run::Once("std", io_bound),
            ideal: None,
        },
        Scenario {
            name: "processes_do_not_share",
            about: "children add to a counter; it stays 0 here",
            run: Run::Once("processes", processes_do_not_share),
            ideal: None,
        },
        Scenario {
            name: "lost_updates",
            about: "--workers threads add 1: load+store, fetch_add, Mutex",
            run: Run::Once("threads", lost_updates),
            ideal: None,
        },
        Scenario {
            name: "shared_list",
            about: "consumers look in a list before it is filled; or wait",
            run: Run::Once("threads", shared_list),
            ideal: None,
        },
        Scenario {
            name: "runtime_threads",
            about: "--tasks sleeping tasks: which OS thread each woke on",
            run: Run::PerRuntime(runtime_threads),
            ideal: Some(ideal_io),
        },
    ],
};

/// The example's `main`. In a child process it does the child's job instead.
pub fn main() -> ExitCode {
    if let Some(code) = std_version::child_main() {
        return code;
    }
    harness::main(&EXAMPLE)
}
