//! Wrong answer: fixed batches. It sends `limit` requests, waits for all of
//! them, then sends the next `limit`.
//!
//! Why a student writes it: `chunks(limit)` with `join_all` is the shortest
//! way to say "three at a time", it never has more than `limit` in flight,
//! and when every page takes as long as the others it is as fast as a
//! sliding window. It is the Python tutorials' `del urls[:limit]` loop. But
//! each batch waits for its slowest page while the other slots stand idle:
//! with one slow page among quick ones, it takes over 1.5 times as long as a
//! window that starts the next request as soon as any one finishes.

use exercise_support::Runtime;
use std::io;
use std::net::SocketAddr;

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn fetch_titles_limited(
    addr: SocketAddr,
    paths: Vec<String>,
    limit: usize,
) -> io::Result<Vec<String>> {
    let client = reqwest::Client::new();
    let mut titles = Vec::new();
    for batch in paths.chunks(limit) {
        let requests = batch.iter().map(|path| fetch_title(&client, addr, path));
        for title in futures::future::join_all(requests).await {
            titles.push(title?);
        }
    }
    Ok(titles)
}

/// The title of the page at `path`; an error if it fails or has no title.
async fn fetch_title(client: &reqwest::Client, addr: SocketAddr, path: &str) -> io::Result<String> {
    let url = format!("http://{addr}{path}");
    let body = client
        .get(&url)
        .send()
        .await
        .and_then(|answer| answer.error_for_status())
        .map_err(io::Error::other)?
        .text()
        .await
        .map_err(io::Error::other)?;
    let title = http_get::title(&body)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, format!("{url} has no <title>")))?;
    Ok(title.to_string())
}
