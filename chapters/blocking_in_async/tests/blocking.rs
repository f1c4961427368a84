//! A blocking call inside tasks runs them as many at a time as the runtime
//! has threads (one on tokio's current-thread scheduler and on smol's global
//! executor); moved to the blocking pool, or replaced by an async call, all
//! of them wait at once; a bounded pool runs them in waves.
//!
//! How many ran at once is read from the order of the timeline's events and
//! from the server's count of requests in flight, not from durations, so the
//! tests hold on a machine busy with other work.

use blocking_in_async::{
    EXAMPLE, async_std_version, bounded_pool_on, scenario::*, smol_version, tokio_version,
};
use harness::{Runtime, Settings, Timeline};
use std::net::{SocketAddr, TcpListener};

const TASKS_IN_TEST: usize = 5;

/// async-std's and smol's executors are global: a test that blocks their
/// threads would stall another test's tasks too (the very effect this
/// chapter is about). So these tests take turns.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn take_turn() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn settings(tasks: usize) -> Settings {
    harness::cli::settings(
        &EXAMPLE,
        &["--tasks", &tasks.to_string(), "--unit-ms", "100"],
    )
}

fn server(s: &Settings) -> slow_server::RunningServer {
    start_server(s).expect("could not start the slow server")
}

/// An address where nothing listens: every connection is refused.
fn nobody_listening() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}

/// A failed request is drawn as an error, never as a cancelled task, and
/// every task ended.
fn assert_every_task_failed(tl: &Timeline, names: &[String]) {
    let mut failed = tl.tasks_with("error");
    failed.sort();
    assert_eq!(failed, names, "{:?}", tl.events());
    assert!(tl.tasks_with("cancelled").is_empty(), "{:?}", tl.events());
    assert!(tl.tasks_with("done").is_empty(), "{:?}", tl.events());
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

macro_rules! runtime_tests {
    ($module:ident, $runtime:expr, $block_on:expr, $version:ident, $lanes:expr) => {
        mod $module {
            use super::*;

            #[test]
            fn thread_sleep_runs_as_many_tasks_at_once_as_there_are_threads() {
                let _turn = take_turn();
                let (s, tl) = (settings(TASKS_IN_TEST), Timeline::new());
                let names = task_names(&s);
                let done = $block_on($version::thread_sleep(tl.clone(), names.clone(), s.unit));
                assert_eq!(done, TASKS_IN_TEST);
                let lanes = ($lanes as usize).min(TASKS_IN_TEST);
                assert_eq!(most_at_once(&tl, &names), lanes, "{:?}", tl.events());
                // A busy machine can only make sleeping threads later, never earlier.
                let waves = TASKS_IN_TEST.div_ceil(lanes) as u32;
                assert!(tl.elapsed() >= s.unit * waves, "{:?}", tl.elapsed());
            }

            #[test]
            fn async_sleep_lets_every_task_wait_at_once() {
                let _turn = take_turn();
                let (s, tl) = (settings(TASKS_IN_TEST), Timeline::new());
                let names = task_names(&s);
                $block_on($version::async_sleep(tl.clone(), names.clone(), s.unit));
                assert_eq!(most_at_once(&tl, &names), TASKS_IN_TEST);
            }

            #[test]
            fn a_blocking_request_holds_its_thread_and_the_server_sees_it() {
                let _turn = take_turn();
                let (s, tl) = (settings(TASKS_IN_TEST), Timeline::new());
                let (server, names) = (server(&s), task_names(&s));
                let titles = $block_on($version::blocking_get(
                    tl.clone(),
                    names.clone(),
                    server.addr,
                ))
                .unwrap();
                assert_eq!(titles.len(), TASKS_IN_TEST);
                assert_eq!(titles[2], "Detail 3");
                let lanes = ($lanes as usize).min(TASKS_IN_TEST);
                assert_eq!(most_at_once(&tl, &names), lanes, "{:?}", tl.events());
                assert_eq!(server.stats.peak_in_flight(), lanes as u64);
            }

            #[test]
            fn offloading_the_blocking_request_frees_the_runtime() {
                let _turn = take_turn();
                let (s, tl) = (settings(TASKS_IN_TEST), Timeline::new());
                let server = server(&s);
                let titles = $block_on($version::offloaded_get(
                    tl.clone(),
                    task_names(&s),
                    server.addr,
                ))
                .unwrap();
                assert_eq!(titles.last().unwrap(), &format!("Detail {TASKS_IN_TEST}"));
                assert_eq!(server.stats.peak_in_flight(), TASKS_IN_TEST as u64);
            }

            #[test]
            fn an_async_request_waits_without_a_thread() {
                let _turn = take_turn();
                let (s, tl) = (settings(TASKS_IN_TEST), Timeline::new());
                let server = server(&s);
                let titles =
                    $block_on($version::async_get(tl.clone(), task_names(&s), server.addr))
                        .unwrap();
                assert_eq!(titles[0], "Detail 1");
                assert_eq!(server.stats.peak_in_flight(), TASKS_IN_TEST as u64);
            }

            #[test]
            fn a_refused_connection_is_an_error_in_every_scenario() {
                let _turn = take_turn();
                let s = settings(3);
                let names = task_names(&s);
                let addr = nobody_listening();

                let tl = Timeline::new();
                let err = $block_on($version::blocking_get(tl.clone(), names.clone(), addr));
                assert_eq!(
                    err.unwrap_err().kind(),
                    std::io::ErrorKind::ConnectionRefused
                );
                assert_every_task_failed(&tl, &names);

                let tl = Timeline::new();
                let err = $block_on($version::offloaded_get(tl.clone(), names.clone(), addr));
                assert_eq!(
                    err.unwrap_err().kind(),
                    std::io::ErrorKind::ConnectionRefused
                );
                assert_every_task_failed(&tl, &names);

                let tl = Timeline::new();
                let err = $block_on($version::async_get(tl.clone(), names.clone(), addr));
                assert!(err.is_err());
                assert_every_task_failed(&tl, &names);

                let tl = Timeline::new();
                let err = bounded_pool_on($runtime, tl.clone(), names.clone(), addr, 2);
                assert!(err.unwrap_err().contains("refused"));
                assert_every_task_failed(&tl, &names);
            }

            #[test]
            fn a_bounded_pool_runs_the_requests_in_waves_of_its_size() {
                let _turn = take_turn();
                let s = settings(10);
                for threads in [3, 5, 10] {
                    let (server, tl) = (server(&s), Timeline::new());
                    let titles =
                        bounded_pool_on($runtime, tl.clone(), task_names(&s), server.addr, threads)
                            .unwrap();
                    assert_eq!(titles[9], "Detail 10");
                    assert_eq!(server.stats.peak_in_flight(), threads as u64);
                    assert_eq!(
                        waves(&tl),
                        10usize.div_ceil(threads),
                        "pool of {threads}: {:?}",
                        tl.events()
                    );
                }
            }
        }
    };
}

runtime_tests!(
    tokio_multi_thread,
    Runtime::Tokio,
    |f| tokio_version::block_on(tokio_version::multi_thread(), f),
    tokio_version,
    WORKERS
);
runtime_tests!(
    tokio_current_thread,
    Runtime::TokioCurrentThread,
    |f| tokio_version::block_on(tokio_version::current_thread(), f),
    tokio_version,
    1
);
// async-std starts one thread per core unless ASYNC_STD_THREAD_COUNT says otherwise.
runtime_tests!(
    async_std,
    Runtime::AsyncStd,
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
    Runtime::Smol,
    smol_version::block_on,
    smol_version,
    std::env::var("SMOL_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1usize)
);

#[test]
fn waves_are_counted_from_the_order_of_starts_and_ends() {
    let tl = Timeline::new();
    assert_eq!(waves(&tl), 0);
    // A pool of two: a and b start; a ends, c starts (wave 2); b ends, d
    // starts (wave 2); c ends, e starts (wave 3).
    let (a, b) = (tl.start("a"), tl.start("b"));
    a.done(());
    let c = tl.start("c");
    b.failed("an error ends a task too");
    let d = tl.start("d");
    c.done(());
    let e = tl.start("e");
    drop((d, e));
    assert_eq!(waves(&tl), 3);
}

#[test]
fn most_at_once_follows_the_order_of_the_events() {
    let tl = Timeline::new();
    let names: Vec<String> = ["a", "b", "c"].map(String::from).into();
    let a = tl.start("a");
    let b = tl.start("b");
    a.done(());
    let c = tl.start("c");
    drop(c); // cancelled: an end too
    b.failed("boom");
    tl.start("not mine").done(());
    assert_eq!(most_at_once(&tl, &names), 2);
}
