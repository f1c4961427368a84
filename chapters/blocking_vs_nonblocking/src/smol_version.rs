//! N requests at once on smol, with a small hand-written HTTP/1.1 GET.

use crate::scenario::*;
use futures::stream::{FuturesUnordered, StreamExt};
use harness::{Settings, Timeline};
use smol::net::TcpStream;
use std::io;
use std::net::SocketAddr;

// ANCHOR: block_on
/// Runs a future on the current thread; spawned tasks run on smol's global
/// executor, which has one thread unless `SMOL_THREADS` says more (tokio
/// and async-std start one per core).
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
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
    let mut tasks = Vec::new();
    for path in paths(settings) {
        let name = task_name(&path, settings);
        tasks.push(smol::spawn(fetch(tl.clone(), addr, path, name)));
    }
    // Every result, in request order; then the titles, or the first error.
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await);
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
        pending.push(smol::spawn(fetch(tl.clone(), addr, path, name)));
    }
    let mut results = Vec::new();
    while let Some(result) = pending.next().await {
        results.push(result);
    }
    results.into_iter().collect()
}
// ANCHOR_END: as_completed
