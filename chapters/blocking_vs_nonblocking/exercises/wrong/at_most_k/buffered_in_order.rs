//! Wrong answer: `buffered(limit)`, which keeps the limit and the order, but
//! not the window: an answer that came in early keeps its slot until every
//! answer before it is in.
//!
//! Why a student writes it: `buffered` sounds exactly right ("at most
//! `limit` at once, results in order"), and when every page takes as long as
//! the others it is as fast as a sliding window. But it counts the answers
//! it holds back for the order as in flight: while the slow page is
//! waiting, the quick pages after it finish, fill the slots, and no new
//! request starts until the slow one is in. `buffer_unordered` frees a slot
//! as soon as its answer is in; number the paths to put the titles back in
//! order.

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
        .buffered(limit)
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
