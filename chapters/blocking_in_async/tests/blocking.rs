//! A blocking call inside tasks runs them as many at a time as the runtime
//! has threads (one on tokio's current-thread scheduler and on smol's global
//! executor); moved to the blocking pool, or replaced by an async call, all
//! of them wait at once. Times are checked as multiples of the delay unit.

use blocking_in_async::{EXAMPLE, async_std_version, scenario::*, smol_version, tokio_version};
use harness::{Settings, Timeline};

const TASKS_IN_TEST: u32 = 5;

/// async-std's and smol's executors are global: a test that blocks their
/// threads would stall another test's tasks too (the very effect this
/// chapter is about). So these tests take turns.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn take_turn() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn settings() -> Settings {
    harness::cli::settings(
        &EXAMPLE,
        &["--tasks", &TASKS_IN_TEST.to_string(), "--unit-ms", "100"],
    )
}

/// The tasks ran `lanes` at a time: the run took ceil(tasks / lanes) units.
fn assert_lanes(tl: &Timeline, s: &Settings, lanes: usize) {
    let waves = (TASKS_IN_TEST as usize).div_ceil(lanes) as f64;
    let took = tl.elapsed().as_secs_f64() / s.unit.as_secs_f64();
    assert!(
        took >= waves * 0.97 && took < waves + 0.6,
        "took {took:.2} units; {lanes} at a time would take {waves}"
    );
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

macro_rules! runtime_tests {
    ($module:ident, $block_on:path, $version:ident, $lanes:expr) => {
        mod $module {
            use super::*;

            #[test]
            fn thread_sleep_runs_as_many_tasks_at_once_as_there_are_threads() {
                let _turn = take_turn();
                let (s, tl) = (settings(), Timeline::new());
                let done = $block_on($version::thread_sleep(tl.clone(), task_names(&s), s.unit));
                assert_eq!(done, TASKS_IN_TEST as usize);
                assert_lanes(&tl, &s, $lanes);
            }

            #[test]
            fn async_sleep_lets_every_task_wait_at_once() {
                let _turn = take_turn();
                let (s, tl) = (settings(), Timeline::new());
                $block_on($version::async_sleep(tl.clone(), task_names(&s), s.unit));
                assert_lanes(&tl, &s, TASKS_IN_TEST as usize);
            }

            #[test]
            fn a_blocking_request_holds_its_thread_and_the_server_sees_it() {
                let _turn = take_turn();
                let (s, tl) = (settings(), Timeline::new());
                let server = start_server(&s);
                let titles = $block_on($version::blocking_get(
                    tl.clone(),
                    task_names(&s),
                    server.addr,
                ));
                assert_eq!(titles.len(), TASKS_IN_TEST as usize);
                assert_eq!(titles[2], "Detail 3");
                assert_lanes(&tl, &s, $lanes);
                let lanes = ($lanes as u64).min(TASKS_IN_TEST as u64);
                assert_eq!(server.stats.peak_in_flight(), lanes);
            }

            #[test]
            fn offloading_the_blocking_request_frees_the_runtime() {
                let _turn = take_turn();
                let (s, tl) = (settings(), Timeline::new());
                let server = start_server(&s);
                let titles = $block_on($version::offloaded_get(
                    tl.clone(),
                    task_names(&s),
                    server.addr,
                ));
                assert_eq!(titles.last().unwrap(), &format!("Detail {TASKS_IN_TEST}"));
                assert_lanes(&tl, &s, TASKS_IN_TEST as usize);
                assert_eq!(server.stats.peak_in_flight(), TASKS_IN_TEST as u64);
            }

            #[test]
            fn an_async_request_waits_without_a_thread() {
                let _turn = take_turn();
                let (s, tl) = (settings(), Timeline::new());
                let server = start_server(&s);
                let titles =
                    $block_on($version::async_get(tl.clone(), task_names(&s), server.addr));
                assert_eq!(titles[0], "Detail 1");
                assert_lanes(&tl, &s, TASKS_IN_TEST as usize);
                assert_eq!(server.stats.peak_in_flight(), TASKS_IN_TEST as u64);
            }
        }
    };
}

runtime_tests!(
    tokio_multi_thread,
    tokio_version::block_on_multi_thread,
    tokio_version,
    WORKERS
);
runtime_tests!(
    tokio_current_thread,
    tokio_version::block_on_current_thread,
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
        .unwrap_or_else(cores)
);
// smol's global executor has one thread unless SMOL_THREADS says otherwise.
runtime_tests!(
    smol,
    smol_version::block_on,
    smol_version,
    std::env::var("SMOL_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1usize)
);
