//! Chapter "Blocking code inside async": a blocking call (`std::thread::sleep`,
//! a blocking HTTP request, a CPU-heavy loop) inside async tasks runs them one
//! after another; moved to the blocking pool (`spawn_blocking`, `unblock`) or
//! replaced by an async call, it does not.
//!
//! Run it with `cargo run --example blocking_in_async`.

pub mod async_std_version;
pub mod scenario;
pub mod smol_version;
pub mod tokio_version;

use harness::{Example, Flag, Run, Runtime, Scenario, Settings, Timeline};
use scenario::*;
use std::process::ExitCode;

/// Calls `$scenario(args)` from the runtime module asked for, and runs it
/// to completion on that runtime (tokio with either scheduler).
macro_rules! on {
    ($runtime:expr, $scenario:ident($($arg:expr),*)) => {
        match $runtime {
            Runtime::Tokio => tokio_version::block_on_multi_thread(tokio_version::$scenario($($arg),*)),
            Runtime::TokioCurrentThread => {
                tokio_version::block_on_current_thread(tokio_version::$scenario($($arg),*))
            }
            Runtime::AsyncStd => async_std_version::block_on(async_std_version::$scenario($($arg),*)),
            Runtime::Smol => smol_version::block_on(smol_version::$scenario($($arg),*)),
        }
    };
}

/// A scenario whose tasks each do one delay unit of work.
macro_rules! with_unit {
    ($scenario:ident) => {{
        fn run(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
            let done = on!(runtime, $scenario(tl.clone(), task_names(s), s.unit));
            Ok(format!("{done} tasks done"))
        }
        Run::PerRuntime(run)
    }};
}

/// A scenario whose tasks each fetch a page from a fresh slow server.
macro_rules! with_server {
    ($scenario:ident) => {{
        fn run(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
            let server = start_server(s);
            let titles = on!(runtime, $scenario(tl.clone(), task_names(s), server.addr));
            let peak = server.stats.peak_in_flight();
            Ok(format!(
                "{} pages; the server saw {peak} at once",
                titles.len()
            ))
        }
        Run::PerRuntime(run)
    }};
}

/// What `cargo run --example blocking_in_async` runs.
pub const EXAMPLE: Example = Example {
    name: "blocking_in_async",
    about: "Blocking calls inside async tasks, on tokio (both schedulers), async-std and smol.",
    runtimes: Runtime::WITH_TOKIO_CURRENT_THREAD,
    default_unit_ms: 200,
    min_unit_ms: 1,
    flags: &[Flag {
        name: TASKS,
        default: 5,
        min: 1,
        max: 1000,
        help: "how many tasks each scenario starts",
    }],
    final_table: true,
    scenarios: &[
        Scenario {
            name: "thread_sleep",
            about: "std::thread::sleep inside each task",
            run: with_unit!(thread_sleep),
            ideal: Some(ideal_concurrent),
        },
        Scenario {
            name: "async_sleep",
            about: "the runtime's own sleep instead",
            run: with_unit!(async_sleep),
            ideal: Some(ideal_concurrent),
        },
        Scenario {
            name: "blocking_get",
            about: "a blocking HTTP request inside each task",
            run: with_server!(blocking_get),
            ideal: Some(ideal_concurrent),
        },
        Scenario {
            name: "offloaded_get",
            about: "the blocking request moved to spawn_blocking / unblock",
            run: with_server!(offloaded_get),
            ideal: Some(ideal_concurrent),
        },
        Scenario {
            name: "async_get",
            about: "an async HTTP client instead",
            run: with_server!(async_get),
            ideal: Some(ideal_concurrent),
        },
        Scenario {
            name: "cpu_loop",
            about: "one unit of CPU work inside each task",
            run: with_unit!(cpu_loop),
            ideal: Some(ideal_on_every_core),
        },
        Scenario {
            name: "offloaded_cpu",
            about: "the CPU work moved to spawn_blocking / unblock",
            run: with_unit!(offloaded_cpu),
            ideal: Some(ideal_on_every_core),
        },
    ],
};

/// The example's `main`: pins async-std's thread count to [`WORKERS`] (so
/// that it matches tokio's and the output is the same on every machine),
/// measures the CPU work's speed, then runs the example.
pub fn main() -> ExitCode {
    if std::env::var_os("ASYNC_STD_THREAD_COUNT").is_none() {
        // SAFETY: nothing else runs yet; no other thread reads the environment.
        unsafe { std::env::set_var("ASYNC_STD_THREAD_COUNT", WORKERS.to_string()) };
    }
    calibrate_cpu_work();
    harness::main(&EXAMPLE)
}
