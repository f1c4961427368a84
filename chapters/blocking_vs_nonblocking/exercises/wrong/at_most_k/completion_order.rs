//! Wrong answer: a true sliding window, but the titles are collected in the
//! order the answers arrive.
//!
//! Why a student writes it: `buffer_unordered(limit)` is the right tool
//! (it keeps the limit, and starts the next request as soon as any one
//! finishes), and `try_collect` is the shortest way to gather what it gives.
//! But it yields each result as soon as it is ready, like
//! `asyncio.as_completed`: with pages of different delays, the titles no
//! longer match the order of the paths. Number the paths, and put each title
//! back in its place.

use exercise_support::Runtime;
use std::io;
use std::net::SocketAddr;

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn fetch_titles_limited(
    addr: SocketAddr,
    paths: Vec<String>,
    limit: usize,
) -> io::Result<Vec<String>> {
    use futures::stream::{self, StreamExt, TryStreamExt};
    let client = reqwest::Client::new();
    stream::iter(paths)
        .map(|path| {
            let client = client.clone();
            async move { fetch_title(&client, addr, &path).await }
        })
        .buffer_unordered(limit)
        .try_collect()
        .await
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
