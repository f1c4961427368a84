//! Checks for `fetch_concurrently`.
//!
//! Each run starts its own slow server, whose page titles end with a word
//! drawn for that run: only a title read from the page's answer is right.
//! A heartbeat ticks beside the code on the runtime's thread, so that code
//! which blocks that thread (OS threads joined inside the `async fn`, a
//! blocking GET) fails however many cores the machine has.

use blocking_vs_nonblocking_exercises::fetch_concurrently::{RUNTIME, fetch_titles};
use exercise_support::{Watched, block_on_within_watched, random_word};
use std::io;
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_millis(200);
const PAGES: u32 = 10;

/// What one run of `fetch_titles` gave and what the server saw.
struct Run {
    watched: Watched<io::Result<Vec<String>>>,
    /// The titles the pages have in this run.
    expected: Vec<String>,
    peak: u64,
    took: Duration,
}

/// Fetches `/detail/1` to `/detail/10` from a server whose pages wait
/// `DELAY` and fail as `fail_500_percent` says.
fn run(fail_500_percent: u8) -> Run {
    let word = random_word();
    let server = slow_server::start(slow_server::Config {
        title_suffix: Some(word.clone()),
        fail_500_percent,
        ..slow_server::Config::with_delay(DELAY)
    })
    .unwrap();
    let ids: Vec<u32> = (1..=PAGES).collect();
    let started = Instant::now();
    let watched = block_on_within_watched(
        RUNTIME,
        fetch_titles(server.addr, ids),
        Duration::from_secs(10),
    )
    .unwrap_or_else(|e| panic!("fetch_titles never returned: {e}"));
    Run {
        watched,
        expected: (1..=PAGES).map(|i| format!("Detail {i} {word}")).collect(),
        peak: server.stats.peak_in_flight(),
        took: started.elapsed(),
    }
}

fn titles(run: &Run) -> &[String] {
    match &run.watched.output {
        Ok(titles) => titles,
        Err(e) => panic!("fetch_titles failed: {e}"),
    }
}

#[test]
fn every_title_comes_back_in_order() {
    let run = run(0);
    assert_eq!(
        titles(&run),
        run.expected,
        "the titles must be those of /detail/1 to /detail/10, in that order, read from the \
         pages (each title ends with a word drawn for this run)"
    );
}

#[test]
fn all_ten_are_in_flight_at_once_and_take_about_one_delay() {
    let run = run(0);
    titles(&run);
    let (peak, took) = (run.peak, run.took);
    assert_eq!(
        peak, 10,
        "the server never saw more than {peak} of the ten requests at once: send all ten before \
         waiting for any"
    );
    assert!(
        took >= DELAY * 95 / 100,
        "ten pages took {took:?}, less than the {DELAY:?} each one waits: the answers cannot \
         have been read"
    );
    assert!(
        took < DELAY * 2,
        "ten pages took {took:?}; each waits {DELAY:?}, so all at once is about {DELAY:?}"
    );
}

#[test]
fn the_runtime_thread_is_never_blocked() {
    let run = run(0);
    titles(&run);
    if let Err(message) = run.watched.check_not_blocked() {
        panic!("{message}");
    }
}

#[test]
fn a_page_that_fails_is_an_error_not_a_title() {
    // Every page is answered 500, with a body that has no title.
    let run = run(100);
    if let Ok(titles) = &run.watched.output {
        panic!(
            "every page was answered with HTTP status 500, yet fetch_titles gave {titles:?}: \
             check each answer's status (`error_for_status`) and return an error when a page \
             has no title"
        );
    }
}
