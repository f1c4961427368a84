//! The crawler on tokio: reqwest for the requests, a `JoinSet` of tasks,
//! `tokio::time` for the timeout and the backoff, `tokio::signal` for Ctrl-C.

use crate::frontier::Crawl;
use crate::scenario::*;
use tokio::signal::unix::{SignalKind, signal};
use tokio::task::JoinSet;

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

/// A page, tried until the policy says it is done.
async fn fetch_page(client: reqwest::Client, base: String, path: String) -> PageResult {
    let url = format!("{base}{path}");
    let mut attempt = 1;
    loop {
        let fetched = tokio::time::timeout(POLICY.timeout, get(&client, &url)).await;
        match POLICY.after(&path, attempt, fetched.unwrap_or(Fetched::TimedOut)) {
            Next::Done(page) => return page,
            Next::RetryAfter(wait) => tokio::time::sleep(wait).await,
        }
        attempt += 1;
    }
}
// ANCHOR_END: fetch

// ANCHOR: crawl
/// Crawls until the frontier is empty and nothing is in flight (`true`),
/// or Ctrl-C comes (`false`): then it starts nothing more, gives the pages
/// in flight `GRACE` to finish, and drops the rest (the `JoinSet` aborts
/// its tasks when dropped).
pub async fn crawl(base: String, crawl: &mut Crawl) -> bool {
    let client = reqwest::Client::new();
    let mut ctrl_c = signal(SignalKind::interrupt()).expect("listen for Ctrl-C");
    let mut running = JoinSet::new();
    loop {
        while let Some(path) = crawl.next_to_start(running.len()) {
            running.spawn(fetch_page(client.clone(), base.clone(), path));
        }
        tokio::select! {
            _ = ctrl_c.recv() => break,
            done = running.join_next() => match done {
                Some(page) => crawl.finished(page.expect("a fetch does not panic")),
                None => return true,
            },
        }
    }
    crawl.progress.say(&interrupted(running.len()));
    let drain = async {
        while let Some(page) = running.join_next().await {
            crawl.finished(page.expect("a fetch does not panic"));
        }
    };
    let _ = tokio::time::timeout(GRACE, drain).await;
    false
}
// ANCHOR_END: crawl
