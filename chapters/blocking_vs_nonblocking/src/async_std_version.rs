//! N requests at once on async-std, with a small hand-written HTTP/1.1 GET.
//!
//! async-std was discontinued in 2025; its maintainers recommend smol.

use crate::scenario::*;
use async_std::net::TcpStream;
use async_std::task;
use futures::stream::{FuturesUnordered, StreamExt};
use harness::{Settings, Timeline};
use std::io;
use std::net::SocketAddr;

// ANCHOR: block_on
/// Runs a future on async-std's global executor.
pub fn block_on<F: Future>(future: F) -> F::Output {
    task::block_on(future)
}
// ANCHOR_END: block_on

// ANCHOR: fetch
/// Fetches one page, recording it on the timeline. A refused connection, a
/// closed one and a status that is not 2xx are all errors.
async fn fetch(tl: Timeline, addr: SocketAddr, path: String, name: String) -> io::Result<String> {
    let record = tl.start(&name);
    let page = async {
        let stream = TcpStream::connect(addr).await?;
        http_get::get(stream, &addr.to_string(), &path)
            .await?
            .error_for_status()
    };
    match page.await {
        Ok(page) => Ok(record.done(title_of(&page.body))),
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
) -> io::Result<Vec<String>> {
    let mut handles = Vec::new();
    for path in paths(settings) {
        let name = task_name(&path, settings);
        handles.push(task::spawn(fetch(tl.clone(), addr, path, name)));
    }
    // Every result, in request order; then the titles, or the first error.
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await);
    }
    results.into_iter().collect()
}
// ANCHOR_END: fetch_all

// ANCHOR: as_completed
/// The same requests, the slowest asked first; the titles in the order
/// they arrive. `FuturesUnordered` gives whichever task finished first.
pub async fn fetch_as_completed(
    tl: Timeline,
    settings: &Settings,
    addr: SocketAddr,
) -> io::Result<Vec<String>> {
    let mut pending = FuturesUnordered::new();
    for path in paths_slowest_first(settings) {
        let name = task_name(&path, settings);
        pending.push(task::spawn(fetch(tl.clone(), addr, path, name)));
    }
    let mut results = Vec::new();
    while let Some(result) = pending.next().await {
        results.push(result);
    }
    results.into_iter().collect()
}
// ANCHOR_END: as_completed
