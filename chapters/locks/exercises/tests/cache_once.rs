//! Checks for `cache_once`. Five callers ask for the page at once, as
//! tasks on a two-worker tokio runtime; then five more, once the page is
//! cached. The fetch takes 200 ms, returns a page drawn for the run, and
//! counts its calls. Each caller's polls are counted too: a caller that
//! waits by trying again and again is polled far more often than one that
//! waits for the lock.

use exercise_support::{count_polls, random_word};
use locks_exercises::cache_once::{Cache, Fetch, get_page};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const CALLERS: usize = 5;
const FETCH_TAKES: Duration = Duration::from_millis(200);

struct Run {
    page: String,
    first_round: Vec<String>,
    first_fetches: usize,
    first_took: Duration,
    /// The polls of all five callers of the first round together.
    first_polls: u32,
    second_round: Vec<String>,
    second_fetches: usize,
    second_took: Duration,
}

fn run() -> Run {
    let page = format!("<title>{}</title>", random_word());
    let calls = Arc::new(AtomicUsize::new(0));
    let fetch: Fetch = Box::new({
        let (page, calls) = (page.clone(), calls.clone());
        move || {
            calls.fetch_add(1, Ordering::SeqCst);
            let page = page.clone();
            Box::pin(async move {
                tokio::time::sleep(FETCH_TAKES).await;
                page
            })
        }
    });
    let (cache, fetch) = (Arc::new(Cache::new(None)), Arc::new(fetch));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let round = || {
        let started = Instant::now();
        let pages = runtime.block_on(async {
            let callers: Vec<_> = (0..CALLERS)
                .map(|_| {
                    let (cache, fetch) = (cache.clone(), fetch.clone());
                    tokio::spawn(async move { count_polls(get_page(&cache, &fetch)).await })
                })
                .collect();
            let all = futures::future::try_join_all(callers);
            match tokio::time::timeout(Duration::from_secs(5), all).await {
                Ok(pages) => pages.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic())),
                Err(_) => panic!("get_page did not return within 5 s: does a caller wait for a lock that is never released?"),
            }
        });
        let polls = pages.iter().map(|p| p.polls).sum::<u32>();
        let pages: Vec<String> = pages.into_iter().map(|p| p.output).collect();
        (pages, started.elapsed(), polls)
    };
    let (first_round, first_took, first_polls) = round();
    let first_fetches = calls.load(Ordering::SeqCst);
    let (second_round, second_took, _) = round();
    let second_fetches = calls.load(Ordering::SeqCst) - first_fetches;
    Run {
        page,
        first_round,
        first_fetches,
        first_took,
        first_polls,
        second_round,
        second_fetches,
        second_took,
    }
}

#[test]
fn every_caller_gets_the_page() {
    let run = run();
    for pages in [&run.first_round, &run.second_round] {
        assert!(
            pages.iter().all(|p| *p == run.page),
            "every caller must get the page the fetch returned ({:?}); they got {pages:?}",
            run.page
        );
    }
}

#[test]
fn five_callers_at_once_fetch_once() {
    let run = run();
    assert_eq!(
        run.first_fetches, 1,
        "{CALLERS} callers at once made {} fetches: more than one fetched while the first fetch was under way. Hold the cache's lock across the fetch, so the others wait and then find the page",
        run.first_fetches
    );
}

#[test]
fn the_callers_wait_for_one_fetch_not_five() {
    let run = run();
    assert!(
        run.first_took < FETCH_TAKES + Duration::from_millis(150),
        "{CALLERS} callers took {:?}, where one fetch takes {FETCH_TAKES:?}: the callers after the first should find the page in the cache, not fetch again one after another",
        run.first_took
    );
}

#[test]
fn once_cached_nobody_fetches() {
    let run = run();
    assert_eq!(
        run.second_fetches, 0,
        "with the page in the cache, {CALLERS} more callers made {} fetches: return the cached page",
        run.second_fetches
    );
    assert!(
        run.second_took < Duration::from_millis(100),
        "with the page in the cache, {CALLERS} callers took {:?}",
        run.second_took
    );
}

#[test]
fn the_callers_wait_without_trying_again_and_again() {
    let run = run();
    assert!(
        run.first_polls <= 30,
        "the {CALLERS} callers were polled {} times while one fetch ran: they tried again and again (a loop around `try_lock`, or a sleep between looks). Wait for the lock with `lock().await`: it wakes each waiter once, when the lock is free",
        run.first_polls
    );
}
