//! Checks for `at_most_k`.
//!
//! The pages answer after different delays (the slow server's `?delay_ms=`),
//! so that a sliding window, which starts the next request as soon as any
//! request finishes, takes about half the time of fixed batches, which wait
//! for the slowest request of each batch.

use blocking_vs_nonblocking_exercises::at_most_k::{RUNTIME, fetch_titles_limited};
use exercise_support::block_on_within;
use std::time::{Duration, Instant};

const LIMIT: usize = 3;
const SHORT: u64 = 10;
const LONG: u64 = 400;
/// In batches of three, each batch holds a long request: four batches take
/// 4 x 400 ms. A sliding window runs the short requests beside the long ones
/// and takes 2 x 410 ms.
const DELAYS_MS: [u64; 12] = [
    SHORT, SHORT, LONG, //
    LONG, LONG, SHORT, //
    SHORT, SHORT, LONG, //
    LONG, LONG, SHORT,
];

/// `/detail/1?delay_ms=10`, ... : one path per delay.
fn paths() -> Vec<String> {
    DELAYS_MS
        .iter()
        .enumerate()
        .map(|(i, delay)| format!("/detail/{}?delay_ms={delay}", i + 1))
        .collect()
}

/// The time a sliding window of `limit` needs: each request, in order,
/// starts as soon as one of the `limit` slots is free.
fn sliding_window(delays: &[u64], limit: usize) -> Duration {
    let mut free_at = vec![0; limit];
    for delay in delays {
        let slot = (0..limit).min_by_key(|&i| free_at[i]).unwrap();
        free_at[slot] += delay;
    }
    Duration::from_millis(free_at.into_iter().max().unwrap_or(0))
}

/// The time fixed batches of `limit` need: the slowest of each batch, added up.
fn fixed_batches(delays: &[u64], limit: usize) -> Duration {
    let total: u64 = delays.chunks(limit).map(|c| c.iter().max().unwrap()).sum();
    Duration::from_millis(total)
}

fn run(limit: usize) -> (Vec<String>, u64, Duration) {
    let server =
        slow_server::start(slow_server::Config::with_delay(Duration::from_millis(LONG))).unwrap();
    let started = Instant::now();
    let titles = block_on_within(
        RUNTIME,
        fetch_titles_limited(server.addr, paths(), limit),
        Duration::from_secs(10),
    )
    .unwrap_or_else(|e| panic!("fetch_titles_limited never returned: {e}"))
    .unwrap_or_else(|e| panic!("fetch_titles_limited failed: {e}"));
    (titles, server.stats.peak_in_flight(), started.elapsed())
}

#[test]
fn titles_come_back_in_order() {
    let (titles, _, _) = run(LIMIT);
    let expected: Vec<String> = (1..=DELAYS_MS.len())
        .map(|i| format!("Detail {i}"))
        .collect();
    assert_eq!(
        titles, expected,
        "the titles must be in the order of the paths, not the order the answers came in"
    );
}

#[test]
fn never_more_than_the_limit_in_flight_and_no_fewer() {
    let (_, peak, _) = run(LIMIT);
    assert!(
        peak <= LIMIT as u64,
        "the server saw {peak} requests at once; the limit was {LIMIT}"
    );
    assert_eq!(
        peak, LIMIT as u64,
        "the server never saw {LIMIT} requests at once: use the whole limit"
    );
}

#[test]
fn a_new_request_starts_as_soon_as_one_finishes() {
    let ideal = sliding_window(&DELAYS_MS, LIMIT);
    let batches = fixed_batches(&DELAYS_MS, LIMIT);
    // The delays must keep the two far apart, or this check proves nothing.
    assert!(batches >= ideal * 19 / 10, "{batches:?} vs {ideal:?}");
    let (_, _, took) = run(LIMIT);
    assert!(
        took >= ideal * 95 / 100,
        "took {took:?}: faster than {ideal:?}, the best {LIMIT} at a time can do, so more than \
         {LIMIT} were in flight"
    );
    // Room for a busy machine: 45% over the ideal, still far below batches.
    assert!(
        took < ideal * 145 / 100,
        "took {took:?}: a sliding window of {LIMIT} takes about {ideal:?}, fixed batches of \
         {LIMIT} take {batches:?}. Start the next request as soon as any request finishes, not \
         when its whole batch has (`buffered`, or a semaphore)"
    );
}
