//! Each approach fetches every page, in the shape its model predicts: one
//! request at a time, `workers` at a time, every request at once. The checks
//! read the order and overlap of the requests from the timeline and the
//! server's count of requests in flight, and compare times only with a
//! baseline measured in the same test, so a busy machine does not fail them.
//! (The `processes` scenario starts the running program again as its
//! children, so it is tested in `tests/processes.rs`, a program with its
//! own `main`, and through the example in the root `tests/`.)

use blocking_vs_nonblocking::{
    EXAMPLE, async_std_version, scenario::*, smol_version, std_version, tokio_version,
};
use harness::{Settings, Timeline};
use std::time::Duration;

fn settings(requests: u32, workers: u32) -> Settings {
    let (requests, workers) = (requests.to_string(), workers.to_string());
    harness::cli::settings(
        &EXAMPLE,
        &[
            "--requests",
            &requests,
            "--workers",
            &workers,
            "--unit-ms",
            "100",
        ],
    )
}

/// Each request's start and end (done or error), in the order they started.
fn spans(tl: &Timeline) -> Vec<(String, Duration, Duration)> {
    let mut spans: Vec<_> = tl
        .tasks_with("start")
        .into_iter()
        .map(|task| {
            let start = tl.time_of(&task, "start").unwrap();
            let end = tl
                .time_of(&task, "done")
                .or_else(|| tl.time_of(&task, "error"))
                .unwrap_or_else(|| panic!("{task} never ended: {:?}", tl.events()));
            (task, start, end)
        })
        .collect();
    spans.sort_by_key(|(_, start, _)| *start);
    spans
}

/// The most requests that were in progress at the same moment.
fn most_at_once(tl: &Timeline) -> usize {
    let spans = spans(tl);
    spans
        .iter()
        .map(|(_, start, _)| {
            spans
                .iter()
                .filter(|(_, s, e)| s <= start && start < e)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn sequential_never_overlaps_and_a_pool_runs_workers_at_a_time() {
    let s = settings(6, 3);
    let server = start_server(&s);
    let one_by_one = Timeline::new();
    let titles = std_version::sequential(&one_by_one, &s, server.addr).unwrap();
    assert_eq!(titles, expected_titles(&s));
    assert_eq!(server.stats.take_peak(), 1);
    assert_eq!(most_at_once(&one_by_one), 1, "{:?}", one_by_one.events());
    // Each request waited its whole delay, after the one before it ended.
    for pair in spans(&one_by_one).windows(2) {
        assert!(pair[1].1 >= pair[0].2, "{pair:?} overlap");
    }
    assert!(one_by_one.elapsed() >= ideal_sequential(&s));

    let pool = Timeline::new();
    let titles = std_version::threads(&pool, &s, server.addr).unwrap();
    assert_eq!(titles, expected_titles(&s));
    assert_eq!(server.stats.peak_in_flight(), 3);
    assert_eq!(most_at_once(&pool), 3, "{:?}", pool.events());
    // Two waves instead of six delays: well under the sequential run's time,
    // measured just before on the same machine.
    assert!(pool.elapsed() >= ideal_workers(&s));
    assert!(
        pool.elapsed() < one_by_one.elapsed() * 3 / 4,
        "3 threads took {:?}, one thread {:?}",
        pool.elapsed(),
        one_by_one.elapsed()
    );
}

#[test]
fn busy_polling_spins_while_it_waits() {
    let s = settings(1, 1);
    let server = start_server(&s);
    let tl = Timeline::new();
    let report = std_version::busy_poll(&tl, server.addr).unwrap();
    let polls: u64 = report
        .split('~')
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // A blocking read would have returned once; this one came back empty many times.
    assert!(polls > 100, "{report}");
    assert!(report.starts_with("Detail 1 after"), "{report}");
    assert!(tl.elapsed() >= ideal_concurrent(&s));
}

macro_rules! runtime_tests {
    ($module:ident, $version:ident) => {
        mod $module {
            use super::*;

            #[test]
            fn every_request_waits_at_the_same_time() {
                let s = settings(20, 1);
                let server = start_server(&s);
                let tl = Timeline::new();
                let titles =
                    $version::block_on($version::fetch_all(tl.clone(), &s, server.addr)).unwrap();
                assert_eq!(titles, expected_titles(&s));
                // All twenty were in flight at once: every one started before
                // the first answer came, and the server saw them all.
                assert_eq!(most_at_once(&tl), 20, "{:?}", tl.events());
                assert_eq!(server.stats.peak_in_flight(), 20);
            }

            #[test]
            fn results_arrive_in_completion_order() {
                // Request 1 waits 300 ms, request 2 225 ms, ... request 4 75 ms.
                let s = harness::cli::settings(&EXAMPLE, &["--requests", "4", "--unit-ms", "300"]);
                let server = start_server(&s);
                let tl = Timeline::new();
                let arrived =
                    $version::block_on($version::fetch_as_completed(tl.clone(), &s, server.addr))
                        .unwrap();
                let mut last_first = expected_titles(&s);
                last_first.reverse();
                assert_eq!(arrived, last_first);
                assert_eq!(tl.tasks_with("done"), ["r4", "r3", "r2", "r1"]);
                assert_eq!(most_at_once(&tl), 4, "{:?}", tl.events());
            }

            #[test]
            fn a_refused_connection_is_an_error_on_the_timeline() {
                let s = settings(3, 1);
                let closed = {
                    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
                    listener.local_addr().unwrap()
                }; // the listener is dropped: nothing listens on that port now
                let tl = Timeline::new();
                let err =
                    $version::block_on($version::fetch_all(tl.clone(), &s, closed)).unwrap_err();
                let message = error_chain(&err);
                assert!(message.to_lowercase().contains("refused"), "{message}");
                assert_eq!(tl.tasks_with("error").len(), 3, "{:?}", tl.events());
                assert_eq!(tl.tasks_with("cancelled"), Vec::<String>::new());
            }

            #[test]
            fn an_error_status_is_an_error_on_the_timeline() {
                let s = settings(3, 1);
                let server = slow_server::start(slow_server::Config {
                    delay: Duration::ZERO,
                    fail_500_percent: 100,
                    ..slow_server::Config::default()
                })
                .unwrap();
                let tl = Timeline::new();
                let err = $version::block_on($version::fetch_all(tl.clone(), &s, server.addr))
                    .unwrap_err();
                let message = error_chain(&err);
                assert!(message.contains("500"), "{message}");
                assert_eq!(tl.tasks_with("error").len(), 3, "{:?}", tl.events());
                assert_eq!(tl.tasks_with("cancelled"), Vec::<String>::new());
            }
        }
    };
}

runtime_tests!(tokio_with_reqwest, tokio_version);
runtime_tests!(async_std, async_std_version);
runtime_tests!(smol, smol_version);

#[test]
fn the_blocking_client_reports_refusals_and_error_statuses_too() {
    let s = settings(2, 2);
    let server = slow_server::start(slow_server::Config {
        delay: Duration::ZERO,
        fail_500_percent: 100,
        ..slow_server::Config::default()
    })
    .unwrap();
    for run in [std_version::sequential, std_version::threads] {
        let tl = Timeline::new();
        let err = run(&tl, &s, server.addr).unwrap_err();
        assert!(err.to_string().contains("500"), "{err}");
        assert!(!tl.tasks_with("error").is_empty(), "{:?}", tl.events());
        assert_eq!(tl.tasks_with("cancelled"), Vec::<String>::new());
    }
}

#[test]
fn busy_polling_reports_refusals_and_error_statuses_too() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    }; // nothing listens on that port now
    let failing = slow_server::start(slow_server::Config {
        delay: Duration::ZERO,
        fail_500_percent: 100,
        ..slow_server::Config::default()
    })
    .unwrap();
    for (addr, what) in [(closed, "refused"), (failing.addr, "500")] {
        let tl = Timeline::new();
        let err = std_version::busy_poll(&tl, addr).unwrap_err();
        assert!(err.to_string().to_lowercase().contains(what), "{err}");
        assert_eq!(tl.tasks_with("error"), ["r1"], "{:?}", tl.events());
        assert_eq!(tl.tasks_with("cancelled"), Vec::<String>::new());
    }
}

#[test]
fn an_error_keeps_its_causes() {
    // reqwest says "error sending request for url (...)"; the reason is
    // further down the chain.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let s = settings(1, 1);
    let err =
        tokio_version::block_on(tokio_version::fetch_all(Timeline::new(), &s, closed)).unwrap_err();
    let message = error_chain(&err);
    assert!(message.starts_with("error sending request"), "{message}");
    assert!(
        message.to_lowercase().contains("connection refused"),
        "{message}"
    );
    // The whole chain, not only the top error.
    assert!(message.len() > err.to_string().len(), "{message}");
}
