//! The crawler on tokio: reqwest for the requests, a `JoinSet` of tasks,
//! `tokio::time` for the timeout and the backoff, `tokio::signal` for Ctrl-C.

use crate::frontier::Crawl;
use crate::scenario::*;
use tokio::signal::unix::{SignalKind, signal};
use tokio::task::{JoinError, JoinSet};

/// Runs a future to completion on a new multi-threaded runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}

// ANCHOR: fetch
/// One attempt: the answer, or why none came.
async fn get(client: &reqwest::Client, url: &str) -> Fetched {
    let answer = match client.get(url).send().await {
        Ok(answer) => answer,
        Err(e) => return Fetched::Broken(e.to_string()),
    };
    let status = answer.status().as_u16();
    match answer.text().await {
        Ok(body) => Fetched::Answer { status, body },
        Err(e) => Fetched::Broken(e.to_string()),
    }
}

/// A page, tried until the policy says it is done; `None` if the crawl
/// stopped while it waited to try again (no new try starts after Ctrl-C).
async fn fetch_page(
    client: reqwest::Client,
    base: String,
    path: String,
    policy: Policy,
    stop: Stop,
) -> Option<PageResult> {
    let url = format!("{base}{path}");
    let mut attempt = 1;
    loop {
        let fetched = tokio::time::timeout(policy.timeout, get(&client, &url)).await;
        match policy.after(&path, attempt, fetched.unwrap_or(Fetched::TimedOut)) {
            Next::Done(page) => return Some(page),
            Next::RetryAfter(wait) => tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = stop.stopping() => return None,
            },
        }
        attempt += 1;
    }
}

/// A task's result: its page, or its own panic, passed on as it was.
fn page_of(done: Result<Option<PageResult>, JoinError>) -> Option<PageResult> {
    match done {
        Ok(page) => page,
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        // Cancelled: only `abort` cancels, and the crawl never calls it
        // on a task it still waits for; such a page is simply not done.
        Err(_) => None,
    }
}
// ANCHOR_END: fetch

// ANCHOR: crawl
/// Crawls until the frontier is empty and nothing is in flight (`true`),
/// or Ctrl-C comes (`false`): then it starts no page and no try, the pages
/// waiting to retry give up at once, the tries in flight get `GRACE` to
/// finish, and the rest are dropped (the `JoinSet` aborts its tasks when
/// dropped). A failed write to the results file stops it at once.
pub async fn crawl(base: String, crawl: &mut Crawl) -> bool {
    // Loopback only: no proxy from `http_proxy` and the like.
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client with no TLS and no proxy");
    let mut ctrl_c = signal(SignalKind::interrupt()).expect("listen for Ctrl-C");
    let (stop_tx, stop) = Stop::new();
    let mut running = JoinSet::new();
    loop {
        while let Some(path) = crawl.next_to_start(running.len()) {
            let page = fetch_page(
                client.clone(),
                base.clone(),
                path,
                crawl.policy,
                stop.clone(),
            );
            running.spawn(page);
        }
        tokio::select! {
            biased; // Ctrl-C first, even when a page is ready too.
            _ = ctrl_c.recv() => break,
            done = running.join_next() => match done {
                Some(done) => crawl.finished(page_of(done)), // `None`: not done
                None => return true,
            },
        }
        if crawl.write_error.is_some() {
            return false;
        }
    }
    crawl.progress.say(&interrupted(running.len()));
    drop(stop_tx);
    let drain = async {
        while let Some(done) = running.join_next().await {
            crawl.finished(page_of(done));
            if crawl.write_error.is_some() {
                return;
            }
        }
    };
    let _ = tokio::time::timeout(GRACE, drain).await;
    false
}
// ANCHOR_END: crawl
