//! Checks for `crawl_once`, on tokio's current-thread runtime with its clock
//! paused (`start_paused`): time moves only when every task waits on a timer,
//! and jumps to the next one, so the times the checks measure are exact on
//! any machine, however loaded, and a `std::thread::sleep` waits no time at
//! all. A real-time limit fails a crawl that never ends. The site is a graph drawn for the run: page numbers from
//! `random_values`, three links a page (some to pages already found, some
//! back to the root), a few pages no link reaches. Each fetch takes 5 to 20
//! ms (one page in eight 150 ms) and counts how many run at once and how
//! often each page is fetched; the start and end of each fetch are logged,
//! to find a page that waited while places were free.

use crawler_exercises::crawl_once::{Fetch, crawl_once};
use exercise_support::random_values;
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

/// Runs `future` on a current-thread tokio runtime with a paused clock,
/// within `limit` of real time: its output, and the (paused clock's) time
/// it returned.
fn run_paused<F>(future: F, limit: Duration) -> Result<(F::Output, Instant), String>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .expect("a tokio runtime");
        let out = runtime.block_on(async { (future.await, Instant::now()) });
        let _ = done.send(out);
    });
    result.recv_timeout(limit).map_err(|e| match e {
        std::sync::mpsc::RecvTimeoutError::Timeout => {
            format!("it did not finish within {limit:?} of real time")
        }
        std::sync::mpsc::RecvTimeoutError::Disconnected => "it panicked (see above)".to_string(),
    })
}

/// How long after the last fetch ends the crawl may take to return (on the
/// paused clock, the solution takes no time at all).
const RETURN_WITHIN: Duration = Duration::from_millis(5);

struct Site {
    links: HashMap<u32, Vec<u32>>,
    root: u32,
}

impl Site {
    fn draw(pages: usize) -> Site {
        let ids = random_values(pages);
        let mut links = HashMap::new();
        for (i, &id) in ids.iter().enumerate() {
            // Pages only link forward, or back to the root; the last few
            // pages are linked by nobody.
            let reachable = pages - 5;
            let mut out = Vec::new();
            for k in 1..=3u32 {
                let j = (i + 1 + (id as usize * k as usize) % 7) % reachable;
                out.push(ids[j]);
            }
            if id % 4 == 0 {
                out.push(ids[0]);
            }
            links.insert(id, out);
        }
        Site {
            links,
            root: ids[0],
        }
    }

    fn reachable(&self) -> BTreeSet<u32> {
        let mut found = BTreeSet::from([self.root]);
        let mut queue = VecDeque::from([self.root]);
        while let Some(page) = queue.pop_front() {
            for &link in &self.links[&page] {
                if found.insert(link) {
                    queue.push_back(link);
                }
            }
        }
        found
    }
}

#[derive(Default)]
struct Counters {
    now: AtomicUsize,
    most: AtomicUsize,
    fetches: Mutex<HashMap<u32, usize>>,
    /// (when, page, links): a start has `None`, an end the page's links.
    log: Mutex<Vec<(Instant, u32, Option<Vec<u32>>)>>,
}

/// How long a fetch of `page` takes.
fn takes(page: u32) -> Duration {
    if page % 8 == 0 {
        Duration::from_millis(150)
    } else {
        Duration::from_millis(5 + page as u64 % 16)
    }
}

/// A page that waited, after its link was found, while fewer than `limit`
/// fetches ran for at least `IDLE`: a place was free and it was not taken.
const IDLE: Duration = Duration::from_millis(60);

fn check_no_idle_place(counters: &Counters, root: u32, limit: usize) {
    let log = counters.log.lock().unwrap();
    let Some(first) = log.first().map(|e| e.0) else {
        return;
    };
    let mut found: HashMap<u32, Instant> = HashMap::from([(root, first)]);
    let mut started: HashMap<u32, Instant> = HashMap::new();
    // Changes of the count in flight, in time order.
    let mut changes: Vec<(Instant, i64)> = Vec::new();
    for (when, page, links) in log.iter() {
        match links {
            None => {
                started.entry(*page).or_insert(*when);
                changes.push((*when, 1));
            }
            Some(links) => {
                changes.push((*when, -1));
                for link in links {
                    found.entry(*link).or_insert(*when);
                }
            }
        }
    }
    for (page, start) in &started {
        let Some(&seen) = found.get(page) else {
            continue;
        };
        // The count in flight over [seen, start]: a stretch below the
        // limit of IDLE or more means a free place was left empty.
        let mut running = 0i64;
        let mut below_since: Option<Instant> = None;
        for &(when, change) in &changes {
            if when > *start {
                break;
            }
            if when >= seen {
                if let Some(since) = below_since {
                    let idle = when - since.max(seen);
                    assert!(
                        idle < IDLE,
                        "page {page} waited {:?} after its link was found, while fewer than {limit} \
                         fetches ran for {idle:?}: start the next page as soon as a fetch ends, \
                         not when a whole batch has ended",
                        *start - seen
                    );
                }
            }
            running += change;
            below_since = if running < limit as i64 {
                Some(when)
            } else {
                None
            };
        }
    }
}

fn run(pages: usize, limit: usize) {
    let site = Arc::new(Site::draw(pages));
    let counters = Arc::new(Counters::default());
    let fetch: Fetch = {
        let (site, counters) = (site.clone(), counters.clone());
        Arc::new(move |page| {
            let (site, counters) = (site.clone(), counters.clone());
            Box::pin(async move {
                *counters.fetches.lock().unwrap().entry(page).or_default() += 1;
                let now = counters.now.fetch_add(1, Ordering::SeqCst) + 1;
                counters.most.fetch_max(now, Ordering::SeqCst);
                counters
                    .log
                    .lock()
                    .unwrap()
                    .push((Instant::now(), page, None));
                tokio::time::sleep(takes(page)).await;
                let links = site.links.get(&page).cloned().unwrap_or_default();
                counters.now.fetch_sub(1, Ordering::SeqCst);
                let end = (Instant::now(), page, Some(links.clone()));
                counters.log.lock().unwrap().push(end);
                links
            })
        })
    };
    let root = site.root;
    let (got, returned_at) = run_paused(crawl_once(root, fetch, limit), Duration::from_secs(20))
        .unwrap_or_else(|e| panic!("a crawl of {pages} pages, {limit} at once: {e}"));
    let fetches = counters.fetches.lock().unwrap().clone();
    for (page, times) in &fetches {
        assert_eq!(
            *times, 1,
            "page {page} was fetched {times} times: mark a page seen when you find its link, \
             not when its fetch ends, so that a link found again while it waits or runs is not queued again"
        );
    }
    let want = site.reachable();
    let fetched: BTreeSet<u32> = fetches.keys().copied().collect();
    assert_eq!(
        fetched, want,
        "the pages fetched are not the pages reachable from the root: follow every link of every page"
    );
    let returned: BTreeSet<u32> = got.iter().copied().collect();
    assert_eq!(
        (returned, got.len()),
        (want.clone(), want.len()),
        "return each page fetched, once"
    );
    let most = counters.most.load(Ordering::SeqCst);
    assert!(
        most <= limit,
        "{most} fetches ran at once, the limit is {limit}: take a place before a fetch starts, \
         not after (a spawned fetch runs at once), and hold it until the fetch ends: with a \
         semaphore, `let _permit = ...` keeps the permit, `let _ = ...` drops it at once"
    );
    assert_eq!(
        most, limit,
        "at most {most} fetches ran at once with a limit of {limit} and pages waiting: \
         keep `limit` fetches running, start the next as soon as one ends"
    );
    check_no_idle_place(&counters, root, limit);
    let last_end = counters.log.lock().unwrap().iter().map(|e| e.0).max();
    if let Some(last_end) = last_end {
        let late = returned_at - last_end;
        assert!(
            late <= RETURN_WITHIN,
            "crawl_once returned {late:?} after the last fetch ended: the crawl is done when \
             nothing runs and nothing waits (`join_next` gives `None`); return then, without \
             waiting for a quiet spell"
        );
    }
}

#[test]
fn each_page_once_at_most_the_limit_at_once() {
    run(120, 4);
    run(200, 10);
}

#[test]
fn one_at_a_time() {
    run(60, 1);
}
