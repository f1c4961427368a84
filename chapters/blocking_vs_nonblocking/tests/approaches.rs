//! Each approach fetches every page, and takes the time its model predicts:
//! N delays one by one, N/W delays on W threads, one delay async. Times are
//! checked as ratios of the ideal, so a slow machine does not fail them.
//! (The `processes` scenario starts the example program again as its
//! children, so it is tested through that program in the root `tests/`.)

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

/// Took at least the ideal time, and less than `slack` times it.
fn assert_near(tl: &Timeline, ideal: Duration, slack: f64) {
    let took = tl.elapsed();
    let ratio = took.as_secs_f64() / ideal.as_secs_f64();
    assert!(
        (0.97..slack).contains(&ratio),
        "took {took:?}, {ratio:.2} x the ideal {ideal:?}"
    );
}

#[test]
fn sequential_takes_one_delay_per_request_and_never_overlaps() {
    let s = settings(5, 1);
    let server = start_server(&s);
    let tl = Timeline::new();
    let titles = std_version::sequential(&tl, &s, server.addr).unwrap();
    assert_eq!(titles, expected_titles(&s));
    assert_near(&tl, ideal_sequential(&s), 1.4);
    assert_eq!(server.stats.peak_in_flight(), 1);
}

#[test]
fn a_pool_of_threads_runs_workers_requests_at_a_time() {
    let s = settings(6, 3);
    let server = start_server(&s);
    let tl = Timeline::new();
    let titles = std_version::threads(&tl, &s, server.addr).unwrap();
    assert_eq!(titles, expected_titles(&s));
    assert_near(&tl, ideal_workers(&s), 1.4); // 2 delays, not 6
    assert_eq!(server.stats.peak_in_flight(), 3);
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
    assert_near(&tl, ideal_concurrent(&s), 1.5);
}

macro_rules! async_test {
    ($name:ident, $version:ident) => {
        #[test]
        fn $name() {
            let s = settings(20, 1);
            let server = start_server(&s);
            let tl = Timeline::new();
            let titles =
                $version::block_on($version::fetch_all(tl.clone(), &s, server.addr)).unwrap();
            assert_eq!(titles, expected_titles(&s));
            // Twenty requests in about one delay: all of them waited at once.
            assert_near(&tl, ideal_concurrent(&s), 2.0);
            assert_eq!(server.stats.peak_in_flight(), 20);
        }
    };
}

async_test!(
    tokio_with_reqwest_waits_for_every_request_at_once,
    tokio_version
);
async_test!(async_std_waits_for_every_request_at_once, async_std_version);
async_test!(smol_waits_for_every_request_at_once, smol_version);

#[test]
fn an_error_from_the_server_is_reported_not_hidden() {
    let s = settings(2, 1);
    let server = slow_server::start(slow_server::Config {
        delay: Duration::ZERO,
        fail_close_percent: 100,
        ..slow_server::Config::default()
    })
    .unwrap();
    let tl = Timeline::new();
    assert!(std_version::sequential(&tl, &s, server.addr).is_err());
    assert!(smol_version::block_on(smol_version::fetch_all(tl.clone(), &s, server.addr)).is_err());
    assert!(
        tokio_version::block_on(tokio_version::fetch_all(tl.clone(), &s, server.addr)).is_err()
    );
    assert!(!tl.tasks_with("error").is_empty());
}
