//! Checks for `at_most_k`.

use blocking_vs_nonblocking_exercises::at_most_k::{RUNTIME, fetch_titles_limited};
use exercise_support::block_on_within;
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_millis(150);

fn run(requests: u32, limit: usize) -> (Vec<String>, u64, Duration) {
    let server = slow_server::start(slow_server::Config::with_delay(DELAY)).unwrap();
    let ids: Vec<u32> = (1..=requests).collect();
    let started = Instant::now();
    let titles = block_on_within(
        RUNTIME,
        fetch_titles_limited(server.addr, ids, limit),
        Duration::from_secs(10),
    )
    .unwrap_or_else(|e| panic!("fetch_titles_limited never returned: {e}"))
    .unwrap_or_else(|e| panic!("fetch_titles_limited failed: {e}"));
    (titles, server.stats.peak_in_flight(), started.elapsed())
}

#[test]
fn titles_come_back_in_order() {
    let (titles, _, _) = run(8, 3);
    let expected: Vec<String> = (1..=8).map(|i| format!("Detail {i}")).collect();
    assert_eq!(
        titles, expected,
        "the titles must be in the order of the ids"
    );
}

#[test]
fn never_more_than_the_limit_in_flight_and_no_fewer() {
    let (_, peak, _) = run(8, 3);
    assert!(
        peak <= 3,
        "the server saw {peak} requests at once; the limit was 3"
    );
    assert_eq!(
        peak, 3,
        "the server never saw 3 requests at once: use the whole limit"
    );
}

#[test]
fn the_time_is_one_delay_per_wave() {
    let (_, _, took) = run(8, 3);
    // 8 requests, 3 at a time: 3 waves of 150 ms.
    assert!(
        took >= DELAY * 3 * 95 / 100,
        "took {took:?}: faster than 3 waves of 150 ms, so more than 3 were in flight"
    );
    assert!(
        took < DELAY * 5,
        "took {took:?}: 3 waves of 150 ms should take about 450 ms"
    );
}
