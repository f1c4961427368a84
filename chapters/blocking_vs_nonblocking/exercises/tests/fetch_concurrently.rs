//! Checks for `fetch_concurrently`.

use blocking_vs_nonblocking_exercises::fetch_concurrently::{RUNTIME, fetch_titles};
use exercise_support::block_on_within;
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_millis(200);

#[test]
fn every_title_comes_back_in_order_after_about_one_delay() {
    let server = slow_server::start(slow_server::Config::with_delay(DELAY)).unwrap();
    let ids: Vec<u32> = (1..=10).collect();
    let started = Instant::now();
    let titles = block_on_within(
        RUNTIME,
        fetch_titles(server.addr, ids),
        Duration::from_secs(10),
    )
    .unwrap_or_else(|e| panic!("fetch_titles never returned: {e}"))
    .unwrap_or_else(|e| panic!("fetch_titles failed: {e}"));
    let took = started.elapsed();
    let expected: Vec<String> = (1..=10).map(|i| format!("Detail {i}")).collect();
    assert_eq!(
        titles, expected,
        "the titles must be those of /detail/1 to /detail/10, in that order"
    );
    let peak = server.stats.peak_in_flight();
    assert_eq!(
        peak, 10,
        "the server saw at most {peak} requests at once: send all ten before waiting for any"
    );
    assert!(
        took < DELAY * 2,
        "ten pages took {took:?}; each waits 200 ms, so all at once is about 200 ms"
    );
}
