//! Chapter "Blocking code inside async": a blocking call (`std::thread::sleep`,
//! a blocking HTTP request, a CPU-heavy loop) inside async tasks runs them one
//! after another; moved to the blocking pool (`spawn_blocking`, `unblock`) or
//! replaced by an async call, it does not.
//!
//! Run it with `cargo run --example blocking_in_async`.

pub mod async_std_version;
pub mod cpu;
pub mod scenario;
pub mod smol_version;
pub mod tokio_version;

use harness::cli::{self, Command};
use harness::{Example, Flag, Run, Runtime, Scenario, Settings, Timeline};
use scenario::*;
use std::ffi::OsString;
use std::net::SocketAddr;
use std::process::ExitCode;

/// Runs `$body` on the runtime asked for (tokio with either scheduler), with
/// `$v` standing for that runtime's module: `on!(rt, |v| v::thread_sleep(..))`.
/// `$then`, if given, is applied to what each runtime returned (their error
/// types differ).
macro_rules! on {
    ($runtime:expr, |$v:ident| $body:expr) => {
        on!($runtime, |$v| $body, std::convert::identity)
    };
    ($runtime:expr, |$v:ident| $body:expr, $then:expr) => {
        match $runtime {
            Runtime::Tokio => {
                use tokio_version as $v;
                $then($v::block_on($v::multi_thread(), $body))
            }
            Runtime::TokioCurrentThread => {
                use tokio_version as $v;
                $then($v::block_on($v::current_thread(), $body))
            }
            Runtime::AsyncStd => {
                use async_std_version as $v;
                $then($v::block_on($body))
            }
            Runtime::Smol => {
                use smol_version as $v;
                $then($v::block_on($body))
            }
            Runtime::Tiny => unreachable!("blocking_in_async does not list the tiny runtime"),
        }
    };
}

/// A scenario whose tasks each do one delay unit of waiting.
macro_rules! with_unit {
    ($scenario:ident) => {{
        fn run(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
            let done = on!(runtime, |v| v::$scenario(tl.clone(), task_names(s), s.unit));
            Ok(format!("{done} tasks done"))
        }
        Run::PerRuntime(run)
    }};
}

/// A scenario whose tasks each do one delay unit of CPU work, with a
/// heartbeat task beside them that says how late the runtime let it be.
macro_rules! with_heartbeat {
    ($scenario:ident) => {{
        fn run(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
            calibrate_cpu_work(); // at once if main has done it already
            let (done, late) = on!(runtime, |v| v::with_heartbeat(
                tl.clone(),
                v::$scenario(tl.clone(), task_names(s), s.unit)
            ));
            Ok(format!("{done} tasks done; heartbeat at worst {late:?}"))
        }
        Run::PerRuntime(run)
    }};
}

/// A scenario whose tasks each fetch a page from a fresh slow server.
macro_rules! with_server {
    ($scenario:ident) => {{
        fn run(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
            let tasks = s.value(TASKS);
            let why = format!("{tasks} requests in flight at once");
            harness::open_files::ensure(harness::open_files::needed_for(tasks), &why)?;
            let server = server(s)?;
            let addr = server.addr;
            let titles = on!(
                runtime,
                |v| v::$scenario(tl.clone(), task_names(s), addr),
                |titles: Result<Vec<String>, _>| titles.map_err(|e| error_chain(&e))
            )?;
            let peak = server.stats.peak_in_flight();
            Ok(format!(
                "{} pages; the server saw {peak} at once",
                titles.len()
            ))
        }
        Run::PerRuntime(run)
    }};
}

/// A slow server whose answers wait one unit, or why it could not start.
fn server(s: &Settings) -> Result<slow_server::RunningServer, String> {
    start_server(s).map_err(|e| format!("could not start the slow server: {}", error_chain(&e)))
}

/// Runs `bounded_pool` on `runtime`, with at most `threads` requests on the
/// blocking pool at a time.
pub fn bounded_pool_on(
    runtime: Runtime,
    tl: Timeline,
    names: Vec<String>,
    addr: SocketAddr,
    threads: usize,
) -> Result<Vec<String>, String> {
    on!(
        runtime,
        |v| v::bounded_pool(tl, names, addr, threads),
        |titles: Result<Vec<String>, _>| titles.map_err(|e| error_chain(&e))
    )
}

fn bounded_pool(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
    let server = server(s)?;
    let threads = s.value(POOL_THREADS) as usize;
    let titles = bounded_pool_on(runtime, tl.clone(), task_names(s), server.addr, threads)?;
    let waves = waves(tl);
    Ok(format!(
        "{} pages in {waves} wave{}; the server saw {} at once",
        titles.len(),
        if waves == 1 { "" } else { "s" },
        server.stats.peak_in_flight()
    ))
}

/// The scenarios that do CPU work, which must be calibrated first.
const CPU_SCENARIOS: &[&str] = &["cpu_loop", "chunked_cpu", "offloaded_cpu"];

/// What `cargo run --example blocking_in_async` runs.
pub const EXAMPLE: Example = Example {
    name: "blocking_in_async",
    about: "Blocking calls in async tasks, on tokio (both schedulers), async-std and smol.",
    runtimes: Runtime::WITH_TOKIO_CURRENT_THREAD,
    default_unit_ms: 200,
    // Below about 10 ms, a thread of the pool may start after the first
    // requests have finished, and bounded_pool's waves blur.
    min_unit_ms: 10,
    flags: &[
        Flag {
            name: TASKS,
            default: 5,
            min: 1,
            max: 1000,
            help: "how many tasks each scenario starts",
        },
        Flag {
            name: POOL_THREADS,
            default: 3,
            min: 1,
            max: 500,
            help: "permits of bounded_pool's semaphore",
        },
    ],
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
            name: "bounded_pool",
            about: "the requests offloaded, --pool-threads at a time",
            run: Run::PerRuntime(bounded_pool),
            ideal: Some(ideal_in_waves),
        },
        Scenario {
            name: "async_get",
            about: "an async HTTP client instead",
            run: with_server!(async_get),
            ideal: Some(ideal_concurrent),
        },
        Scenario {
            name: "cpu_loop",
            about: "one unit of CPU work inside each task, and a heartbeat",
            run: with_heartbeat!(cpu_loop),
            ideal: Some(ideal_on_every_core),
        },
        Scenario {
            name: "chunked_cpu",
            about: "the CPU work in 100 µs chunks, yield_now between them",
            run: with_heartbeat!(chunked_cpu),
            ideal: Some(ideal_on_every_core),
        },
        Scenario {
            name: "offloaded_cpu",
            about: "the CPU work moved to spawn_blocking / unblock",
            run: with_heartbeat!(offloaded_cpu),
            ideal: Some(ideal_on_every_core),
        },
    ],
};

/// Whether these command-line arguments run a scenario with CPU work, which
/// needs [`calibrate_cpu_work`] first. `--help` and bad arguments do not.
pub fn runs_cpu_work(args: impl IntoIterator<Item = OsString>) -> bool {
    let Ok(args) = cli::args_from_os(args) else {
        return false;
    };
    match cli::parse(&EXAMPLE, &args) {
        Ok(Command::Run(settings)) => settings.scenarios.iter().any(|s| CPU_SCENARIOS.contains(s)),
        _ => false,
    }
}

/// The example's `main`: pins async-std's thread count to [`WORKERS`] (so
/// that it matches tokio's and the output is the same on every machine),
/// measures the CPU work's speed if a scenario needs it (before any clock
/// starts, and not for `--help`), then runs the example.
pub fn main() -> ExitCode {
    if std::env::var_os("ASYNC_STD_THREAD_COUNT").is_none() {
        // SAFETY: nothing else runs yet; no other thread reads the environment.
        unsafe { std::env::set_var("ASYNC_STD_THREAD_COUNT", WORKERS.to_string()) };
    }
    if runs_cpu_work(std::env::args_os().skip(1)) {
        calibrate_cpu_work();
    }
    harness::main(&EXAMPLE)
}
