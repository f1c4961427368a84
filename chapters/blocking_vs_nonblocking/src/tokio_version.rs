//! N requests at once on tokio, with reqwest as the HTTP client.

use crate::scenario::*;
use harness::{Settings, Timeline};
use std::net::SocketAddr;

// ANCHOR: block_on
/// Runs a future on a new multi-threaded runtime, as `#[tokio::main]` does.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}
// ANCHOR_END: block_on

// ANCHOR: fetch
/// Fetches one page, recording it on the timeline. A refused connection, a
/// closed one and a status that is not 2xx are all errors.
async fn fetch(
    client: reqwest::Client,
    tl: Timeline,
    url: String,
    name: String,
) -> reqwest::Result<String> {
    let record = tl.start(&name);
    let page = async {
        client
            .get(url)
            .send()
            .await?
            .error_for_status()?
            .text()
            .await
    };
    match page.await {
        Ok(body) => Ok(record.done(title_of(&body))),
        Err(e) => Err(record.failed(e)),
    }
}
// ANCHOR_END: fetch

// ANCHOR: fetch_all
/// Starts one task per request, then collects the titles in request order.
pub async fn fetch_all(
    tl: Timeline,
    settings: &Settings,
    addr: SocketAddr,
) -> reqwest::Result<Vec<String>> {
    let client = reqwest::Client::new(); // one connection pool, shared by every task
    let mut handles = Vec::new();
    for path in paths(settings) {
        let (url, name) = (format!("http://{addr}{path}"), task_name(&path, settings));
        handles.push(tokio::spawn(fetch(client.clone(), tl.clone(), url, name)));
    }
    // Every result, in request order; then the titles, or the first error.
    let mut results = Vec::new();
    for handle in handles {
        results.push(harness::unless_cancelled(handle.await).expect("nothing cancels these tasks"));
    }
    results.into_iter().collect()
}
// ANCHOR_END: fetch_all

// ANCHOR: as_completed
/// The same requests, the slowest asked first; the titles in the order
/// they arrive. `JoinSet::join_next` gives whichever task finished first.
pub async fn fetch_as_completed(
    tl: Timeline,
    settings: &Settings,
    addr: SocketAddr,
) -> reqwest::Result<Vec<String>> {
    let client = reqwest::Client::new();
    let mut set = tokio::task::JoinSet::new();
    for path in paths_slowest_first(settings) {
        let (url, name) = (format!("http://{addr}{path}"), task_name(&path, settings));
        set.spawn(fetch(client.clone(), tl.clone(), url, name));
    }
    let mut results = Vec::new();
    while let Some(joined) = set.join_next().await {
        results.push(harness::unless_cancelled(joined).expect("nothing cancels these tasks"));
    }
    results.into_iter().collect()
}
// ANCHOR_END: as_completed

/// What the request benchmark compares with reqwest: the chapter's
/// hand-written GET (the one async-std and smol use) on tokio's sockets.
pub async fn fetch_all_hand_written(
    tl: Timeline,
    settings: &Settings,
    addr: SocketAddr,
) -> std::io::Result<Vec<String>> {
    let mut handles = Vec::new();
    for path in paths(settings) {
        let (tl, name) = (tl.clone(), task_name(&path, settings));
        handles.push(tokio::spawn(async move {
            let record = tl.start(&name);
            let page = async {
                let stream = tokio::net::TcpStream::connect(addr).await?;
                let stream = http_get::tokio_io::Compat(stream);
                http_get::get(stream, &addr.to_string(), &path)
                    .await?
                    .error_for_status()
            };
            match page.await {
                Ok(page) => Ok(record.done(title_of(&page.body))),
                Err(e) => Err(record.failed(e)),
            }
        }));
    }
    let mut results = Vec::new();
    for handle in handles {
        results.push(harness::unless_cancelled(handle.await).expect("nothing cancels these tasks"));
    }
    results.into_iter().collect()
}
