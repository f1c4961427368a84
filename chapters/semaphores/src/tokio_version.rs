//! The semaphore scenarios on tokio, with `tokio::sync::Semaphore`, and
//! reqwest for the requests.

use crate::scenario::*;
use harness::Timeline;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Runs a future to completion on a new multi-threaded runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}

// ANCHOR: at_most_k
/// Ten tasks, each a request of 2 units, at most 3 at once. Each permit is
/// taken before the spawn (`acquire_owned`, from an `Arc`) and moved into
/// the task, which drops it when it ends.
async fn ten_jobs_three_at_once(tl: Timeline, url: String) {
    let (client, limit) = (reqwest::Client::new(), Arc::new(Semaphore::new(K)));
    let mut tasks = Vec::new();
    for i in 0..JOBS {
        let permit = limit.clone().acquire_owned().await.expect("never closed");
        let (client, url, tl) = (client.clone(), url.clone(), tl.clone());
        tasks.push(tokio::spawn(async move {
            let record = tl.start(&format!("job {i}"));
            let answer = client
                .get(&url)
                .send()
                .await
                .expect("the slow server answers");
            record.done(answer.status().as_u16());
            drop(permit); // the next job may start
        }));
    }
    for task in tasks {
        task.await.expect("no job panics");
    }
}
// ANCHOR_END: at_most_k

pub fn at_most_k(tl: Timeline, unit: Duration) -> Limited {
    let server = slow_server(unit * JOB_UNITS);
    block_on(ten_jobs_three_at_once(tl, server.url("/")));
    Limited {
        served: server.stats.served(),
        peak: server.stats.peak_in_flight(),
    }
}

// ANCHOR: client_limit
/// `REQUESTS` requests at once through one client, at most `limit` in
/// flight. reqwest's pool limits only the connections it keeps idle, not
/// those in use: a cap on requests in flight is a semaphore of your own.
async fn fetch_all(client: &reqwest::Client, url: &str, limit: Option<usize>) -> usize {
    let limit = Semaphore::new(limit.unwrap_or(Semaphore::MAX_PERMITS));
    let requests = (0..REQUESTS).map(|_| async {
        let _permit = limit.acquire().await.expect("never closed");
        let answer = client.get(url).send().await;
        answer.is_ok_and(|a| a.status() == 200)
    });
    let answers = futures::future::join_all(requests).await;
    answers.into_iter().filter(|&ok| ok).count()
}
// ANCHOR_END: client_limit

pub fn client_limit(_tl: Timeline, unit: Duration) -> Result<ClientLimit, String> {
    enough_open_files()?;
    let server = slow_server(unit);
    let (client, url) = (reqwest::Client::new(), server.url("/"));
    let run = |limit| {
        let started = Instant::now();
        let ok = block_on(fetch_all(&client, &url, limit));
        let units = in_units(started.elapsed(), unit);
        Waves {
            ok,
            units,
            peak: server.stats.take_peak(),
        }
    };
    Ok(ClientLimit {
        unlimited: run(None),
        limited: run(Some(CLIENT_LIMIT)),
    })
}

// ANCHOR: batches_vs_window
/// The Python tutorial's batches: ten requests, wait for all ten, the next
/// ten. Each batch waits for its slowest page.
async fn in_batches(client: &reqwest::Client, urls: &[String]) {
    for batch in urls.chunks(AT_ONCE) {
        let requests = batch.iter().map(|url| client.get(url).send());
        futures::future::join_all(requests).await;
    }
}

/// A sliding window: ten in flight at all times; each request that ends
/// lets the next one start.
async fn in_a_window(client: &reqwest::Client, urls: &[String]) {
    let window = Semaphore::new(AT_ONCE);
    let window = &window;
    let requests = urls.iter().map(|url| async move {
        let _permit = window.acquire().await.expect("never closed");
        client.get(url).send().await
    });
    futures::future::join_all(requests).await;
}
// ANCHOR_END: batches_vs_window

pub fn batches_vs_window(_tl: Timeline, unit: Duration) -> BatchesWindow {
    let server = slow_server(unit);
    let client = reqwest::Client::new();
    let urls: Vec<String> = (0..PAGES)
        .map(|i| server.url(&page_path(i, unit)))
        .collect();
    let started = Instant::now();
    block_on(in_batches(&client, &urls));
    let batches = in_units(started.elapsed(), unit);
    let started = Instant::now();
    block_on(in_a_window(&client, &urls));
    BatchesWindow {
        batches,
        window: in_units(started.elapsed(), unit),
        peak: server.stats.peak_in_flight(),
    }
}
