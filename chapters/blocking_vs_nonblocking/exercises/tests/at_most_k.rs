//! Checks for `at_most_k`.
//!
//! The pages answer after different delays (the slow server's `?delay_ms=`):
//! one long page and many short ones. A sliding window, which starts the
//! next request as soon as any request finishes, runs the short pages in the
//! other slots while the long one waits. Every fixed plan is far slower: one
//! slot always gets the long page and a third of the short ones, whether the
//! plan is fixed batches (sorted by delay or not), lanes that each take every
//! `limit`-th path or a block of paths, or `buffered`, which keeps a slot
//! for each early answer until the answers before it are in. The check
//! computes each plan's time from the delays and asserts that they are far
//! apart, so that it proves something.
//!
//! Each run starts its own slow server, whose page titles end with a word
//! drawn for that run, and a heartbeat ticks beside the code on the
//! runtime's thread (see fetch_concurrently.rs).

use blocking_vs_nonblocking_exercises::at_most_k::{RUNTIME, fetch_titles_limited};
use exercise_support::{Watched, block_on_within_watched, random_word};
use std::io;
use std::time::{Duration, Instant};

const LIMIT: usize = 3;
const SHORT: u64 = 50;
const LONG: u64 = 600;
/// The page at this index waits [`LONG`], the 22 others [`SHORT`]. A sliding
/// window of 3 runs the long page in one slot and the short ones, 11 each, in
/// the other two: 600 ms. Every fixed plan puts the long page and 7 short
/// ones in one slot: 950 ms.
const LONG_AT: usize = 1;
const PAGES: usize = 23;

fn delays() -> Vec<u64> {
    (0..PAGES)
        .map(|i| if i == LONG_AT { LONG } else { SHORT })
        .collect()
}

/// `/detail/1?delay_ms=50`, ... : one path per delay.
fn paths(delays: &[u64]) -> Vec<String> {
    delays
        .iter()
        .enumerate()
        .map(|(i, delay)| format!("/detail/{}?delay_ms={delay}", i + 1))
        .collect()
}

fn millis(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

/// The time a sliding window of `limit` needs: each request, in order,
/// starts as soon as one of the `limit` slots is free.
fn sliding_window(delays: &[u64], limit: usize) -> Duration {
    let mut free_at = vec![0; limit];
    for delay in delays {
        let slot = (0..limit).min_by_key(|&i| free_at[i]).unwrap();
        free_at[slot] += delay;
    }
    millis(free_at.into_iter().max().unwrap_or(0))
}

/// Fixed batches of `limit`: the slowest of each batch, added up.
fn fixed_batches(delays: &[u64], limit: usize) -> Duration {
    millis(
        delays
            .chunks(limit)
            .map(|batch| batch.iter().max().unwrap())
            .sum(),
    )
}

/// Fixed batches of `limit`, after sorting the paths by their delays (either way).
fn sorted_batches(delays: &[u64], limit: usize) -> Duration {
    let mut sorted = delays.to_vec();
    sorted.sort_unstable();
    let rising = fixed_batches(&sorted, limit);
    sorted.reverse();
    rising.min(fixed_batches(&sorted, limit))
}

/// `limit` lanes, lane `i` fetching paths `i`, `i + limit`, ... one after another.
fn round_robin_lanes(delays: &[u64], limit: usize) -> Duration {
    let lane = |i: usize| delays.iter().skip(i).step_by(limit).sum();
    millis((0..limit).map(lane).max().unwrap_or(0))
}

/// `limit` lanes, each fetching a block of consecutive paths one after another.
fn block_lanes(delays: &[u64], limit: usize) -> Duration {
    let block = delays.len().div_ceil(limit);
    millis(
        delays
            .chunks(block)
            .map(|lane| lane.iter().sum())
            .max()
            .unwrap_or(0),
    )
}

/// `buffered(limit)`: request `i` starts when every request up to `i - limit`
/// has finished, as an answer holds its slot until it is handed out in order.
fn in_order_window(delays: &[u64], limit: usize) -> Duration {
    let mut ends: Vec<u64> = Vec::new();
    for (i, delay) in delays.iter().enumerate() {
        let start = match (i + 1).checked_sub(limit) {
            Some(done) => ends[..done].iter().copied().max().unwrap_or(0),
            None => 0,
        };
        ends.push(start + delay);
    }
    millis(ends.into_iter().max().unwrap_or(0))
}

/// What one run of `fetch_titles_limited` gave and what the server saw.
struct Run {
    watched: Watched<io::Result<Vec<String>>>,
    /// The titles the pages have in this run.
    expected: Vec<String>,
    peak: u64,
    took: Duration,
}

fn run(paths: Vec<String>, limit: usize) -> Run {
    let word = random_word();
    let server = slow_server::start(slow_server::Config {
        title_suffix: Some(word.clone()),
        ..slow_server::Config::with_delay(millis(LONG))
    })
    .unwrap();
    let expected = (1..=paths.len())
        .map(|i| format!("Detail {i} {word}"))
        .collect();
    let started = Instant::now();
    let watched = block_on_within_watched(
        RUNTIME,
        fetch_titles_limited(server.addr, paths, limit),
        Duration::from_secs(10),
    )
    .unwrap_or_else(|e| panic!("fetch_titles_limited never returned: {e}"));
    Run {
        watched,
        expected,
        peak: server.stats.peak_in_flight(),
        took: started.elapsed(),
    }
}

fn titles(run: &Run) -> &[String] {
    match &run.watched.output {
        Ok(titles) => titles,
        Err(e) => panic!("fetch_titles_limited failed: {e}"),
    }
}

#[test]
fn titles_come_back_in_order() {
    let run = run(paths(&delays()), LIMIT);
    assert_eq!(
        titles(&run),
        run.expected,
        "the titles must be read from the pages (each ends with a word drawn for this run), in \
         the order of the paths, not the order the answers came in"
    );
}

#[test]
fn never_more_than_the_limit_in_flight_and_no_fewer() {
    let run = run(paths(&delays()), LIMIT);
    titles(&run);
    let peak = run.peak;
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
    let delays = delays();
    let ideal = sliding_window(&delays, LIMIT);
    let plans = [
        ("fixed batches", fixed_batches(&delays, LIMIT)),
        ("batches sorted by delay", sorted_batches(&delays, LIMIT)),
        (
            "lanes taking every third path",
            round_robin_lanes(&delays, LIMIT),
        ),
        ("lanes taking a block of paths", block_lanes(&delays, LIMIT)),
        ("`buffered`", in_order_window(&delays, LIMIT)),
    ];
    // The delays must keep every fixed plan far from the window, or this
    // check proves nothing.
    for (plan, time) in plans {
        assert!(time >= ideal * 3 / 2, "{plan}: {time:?} vs {ideal:?}");
    }
    let run = run(paths(&delays), LIMIT);
    titles(&run);
    let took = run.took;
    assert!(
        took >= ideal * 95 / 100,
        "took {took:?}: less than {ideal:?}, the longest page's delay, so the answers cannot \
         all have been read"
    );
    // Room for a busy machine: 30% over the ideal, still far below every
    // fixed plan (50% over).
    let fastest_plan = plans.iter().map(|(_, time)| *time).min().unwrap();
    assert!(
        took < ideal * 130 / 100,
        "took {took:?}: a sliding window of {LIMIT} takes about {ideal:?}; fixed plans take \
         {fastest_plan:?} or more (one page takes {LONG} ms, {} take {SHORT} ms). Start the next \
         request as soon as any request finishes, whichever it is: not batches, not fixed \
         lanes, and not `buffered`, which keeps a slot for each early answer until the ones \
         before it are in (`buffer_unordered` with each path's index, or a semaphore)",
        PAGES - 1
    );
}

#[test]
fn the_runtime_thread_is_never_blocked() {
    let run = run(paths(&delays()), LIMIT);
    titles(&run);
    if let Err(message) = run.watched.check_not_blocked() {
        panic!("{message}");
    }
}

#[test]
fn a_page_that_fails_is_an_error_not_a_title() {
    let paths = vec![
        "/detail/1?delay_ms=10".to_string(),
        "/detail/2?delay_ms=10&fail=500".to_string(),
        "/detail/3?delay_ms=10".to_string(),
    ];
    let run = run(paths, LIMIT);
    if let Ok(titles) = &run.watched.output {
        panic!(
            "/detail/2 was answered with HTTP status 500, yet fetch_titles_limited gave \
             {titles:?}: check each answer's status (`error_for_status`) and return an error \
             when a page has no title"
        );
    }
}
