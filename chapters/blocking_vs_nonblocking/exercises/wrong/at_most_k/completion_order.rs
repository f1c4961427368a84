//! Wrong answer: a true sliding window, but the titles are collected in the
//! order the answers arrive.
//!
//! Why a student writes it: `buffer_unordered(limit)` sits right beside
//! `buffered(limit)` in the docs and sounds just as good (even faster). It
//! does keep the limit and the time, but it yields each result as soon as it
//! is ready, like `asyncio.as_completed`: with pages of different delays,
//! the titles no longer match the order of the paths.

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
            async move {
                let body = client
                    .get(format!("http://{addr}{path}"))
                    .send()
                    .await
                    .map_err(io::Error::other)?
                    .text()
                    .await
                    .map_err(io::Error::other)?;
                Ok::<_, io::Error>(http_get::title(&body).unwrap_or_default().to_string())
            }
        })
        .buffer_unordered(limit)
        .try_collect()
        .await
}
