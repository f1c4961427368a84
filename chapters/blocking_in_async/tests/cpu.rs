//! CPU work inside a task holds its thread: the other tasks on that thread,
//! here a heartbeat that asks to wake every 10 ms, wait until it is done.
//! Cut into chunks with `yield_now`, or moved to the blocking pool, it lets
//! the heartbeat run on time.
//!
//! The claims are about order, and about lateness compared with one task's
//! length and with the inline run's lateness, never about how fast the
//! machine is: another busy process makes the work slower and the heartbeat
//! later, and the checks still hold (tried with both cores busy).

use blocking_in_async::{EXAMPLE, async_std_version, scenario::*, smol_version, tokio_version};
use harness::{Settings, Timeline};
use std::time::Duration;

/// At least four tasks, and at least one per thread of the runtime, so that
/// inline work keeps every thread busy.
fn tasks_for(threads: usize) -> usize {
    threads.max(4)
}

/// The global executors of async-std and smol are shared by every test in
/// this binary, so the tests take turns.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn take_turn() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn settings(tasks: usize) -> Settings {
    harness::cli::settings(
        &EXAMPLE,
        &["--tasks", &tasks.to_string(), "--unit-ms", "200"],
    )
}

/// One run: how many tasks ran at once, and how late the heartbeat got.
struct Run {
    at_once: usize,
    late: Duration,
}

macro_rules! run {
    ($block_on:expr, $version:ident :: $scenario:ident, $tasks:expr) => {{
        let (s, tl) = (settings($tasks), Timeline::new());
        let names = task_names(&s);
        calibrate_cpu_work();
        let (done, late) = $block_on($version::with_heartbeat(
            tl.clone(),
            $version::$scenario(tl.clone(), names.clone(), s.unit),
        ));
        assert_eq!(done, $tasks);
        assert_eq!(tl.tasks_with("done").len(), $tasks + 1, "and the heartbeat");
        Run {
            at_once: most_at_once(&tl, &names),
            late: late.0,
        }
    }};
}

macro_rules! runtime_tests {
    ($module:ident, $block_on:expr, $version:ident, $threads:expr) => {
        mod $module {
            use super::*;

            #[test]
            fn cpu_work_inline_makes_the_heartbeat_late_and_yield_now_or_offloading_does_not() {
                let _turn = take_turn();
                let threads: usize = $threads;
                let tasks = tasks_for(threads);
                let unit = settings(tasks).unit;

                let inline = run!($block_on, $version::cpu_loop, tasks);
                let chunked = run!($block_on, $version::chunked_cpu, tasks);
                let offloaded = run!($block_on, $version::offloaded_cpu, tasks);
                println!(
                    "{}: heartbeat late by {:?} inline, {:?} chunked, {:?} offloaded",
                    stringify!($module),
                    inline.late,
                    chunked.late,
                    offloaded.late
                );

                // Inline, the tasks take the runtime's threads, one task each.
                assert_eq!(inline.at_once, threads);
                // The heartbeat waits for a free thread: at least half a
                // task's length; with one thread, while three tasks or more
                // run (less a tenth: its tick and the tasks' start are not
                // the same instant).
                let waited = if threads == 1 {
                    unit * 27 / 10
                } else {
                    unit / 2
                };
                assert!(inline.late >= waited, "{:?}", inline.late);

                // Chunked or offloaded, every task is under way at once, and
                // the heartbeat is late only by what the operating system
                // adds (the machine may be busy): far less than inline.
                for (how, run) in [("chunked", &chunked), ("offloaded", &offloaded)] {
                    assert_eq!(run.at_once, tasks, "{how}");
                    assert!(
                        run.late * 3 < inline.late,
                        "{how}: late by {:?}, inline by {:?}",
                        run.late,
                        inline.late
                    );
                }
            }
        }
    };
}

runtime_tests!(
    tokio_multi_thread,
    |f| tokio_version::block_on(tokio_version::multi_thread(), f),
    tokio_version,
    WORKERS
);
runtime_tests!(
    tokio_current_thread,
    |f| tokio_version::block_on(tokio_version::current_thread(), f),
    tokio_version,
    1
);
// async-std starts one thread per core unless ASYNC_STD_THREAD_COUNT says otherwise.
runtime_tests!(
    async_std,
    async_std_version::block_on,
    async_std_version,
    std::env::var("ASYNC_STD_THREAD_COUNT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
);
// smol's global executor has one thread unless SMOL_THREADS says otherwise.
runtime_tests!(
    smol,
    smol_version::block_on,
    smol_version,
    std::env::var("SMOL_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
);
