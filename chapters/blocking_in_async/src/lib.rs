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

/// Runs one scenario function, which exists with the same name in each
/// runtime module, on the runtime asked for. `$input` picks what the
/// scenario gets besides the task names: the delay unit, or a slow server's
/// address.
macro_rules! on_runtime {
    ($scenario:ident, unit) => {{
        fn run(runtime: Runtime, tl: &Timeline, s: &Settings) -> String {
            let (tl, names, unit) = (tl.clone(), task_names(s), s.unit);
            let done = match runtime {
                Runtime::Tokio => {
                    tokio_version::block_on_multi_thread(tokio_version::$scenario(tl, names, unit))
                }
                Runtime::TokioCurrentThread => tokio_version::block_on_current_thread(
                    tokio_version::$scenario(tl, names, unit),
                ),
                Runtime::AsyncStd => {
                    async_std_version::block_on(async_std_version::$scenario(tl, names, unit))
                }
                Runtime::Smol => smol_version::block_on(smol_version::$scenario(tl, names, unit)),
            };
            format!("{done} tasks done")
        }
        Run::PerRuntime(run)
    }};
    ($scenario:ident, server) => {{
        fn run(runtime: Runtime, tl: &Timeline, s: &Settings) -> String {
            let server = start_server(s);
            let (tl, names, addr) = (tl.clone(), task_names(s), server.addr);
            let titles = match runtime {
                Runtime::Tokio => {
                    tokio_version::block_on_multi_thread(tokio_version::$scenario(tl, names, addr))
                }
                Runtime::TokioCurrentThread => tokio_version::block_on_current_thread(
                    tokio_version::$scenario(tl, names, addr),
                ),
                Runtime::AsyncStd => {
                    async_std_version::block_on(async_std_version::$scenario(tl, names, addr))
                }
                Runtime::Smol => smol_version::block_on(smol_version::$scenario(tl, names, addr)),
            };
            format!(
                "{} pages; the server saw {} at once",
                titles.len(),
                server.stats.peak_in_flight()
            )
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
            run: on_runtime!(thread_sleep, unit),
            ideal: Some(ideal_concurrent),
        },
        Scenario {
            name: "async_sleep",
            about: "the runtime's own sleep instead",
            run: on_runtime!(async_sleep, unit),
            ideal: Some(ideal_concurrent),
        },
        Scenario {
            name: "blocking_get",
            about: "a blocking HTTP request inside each task",
            run: on_runtime!(blocking_get, server),
            ideal: Some(ideal_concurrent),
        },
        Scenario {
            name: "offloaded_get",
            about: "the blocking request moved to spawn_blocking / unblock",
            run: on_runtime!(offloaded_get, server),
            ideal: Some(ideal_concurrent),
        },
        Scenario {
            name: "async_get",
            about: "an async HTTP client instead",
            run: on_runtime!(async_get, server),
            ideal: Some(ideal_concurrent),
        },
        Scenario {
            name: "cpu_loop",
            about: "one unit of CPU work inside each task",
            run: on_runtime!(cpu_loop, unit),
            ideal: Some(ideal_on_every_core),
        },
        Scenario {
            name: "offloaded_cpu",
            about: "the CPU work moved to spawn_blocking / unblock",
            run: on_runtime!(offloaded_cpu, unit),
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
