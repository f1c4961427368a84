//! At most K: fetch every page, but never have more than `limit` requests
//! in flight at once (a polite crawler does not flood a server).
//!
//! Tools: `futures::stream::iter(ids).map(...).buffered(limit)` keeps the
//! order and the limit; a `tokio::sync::Semaphore` or `async_lock::Semaphore`
//! works too. Set `RUNTIME` to match.

use exercise_support::Runtime;
use std::io;
use std::net::SocketAddr;

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Tokio;

/// The titles of `/detail/{id}` for every id, in the order of `ids`, with
/// at most `limit` requests in flight at any time.
pub async fn fetch_titles_limited(
    addr: SocketAddr,
    ids: Vec<u32>,
    limit: usize,
) -> io::Result<Vec<String>> {
    // BEGIN SOLUTION
    use futures::stream::{self, StreamExt, TryStreamExt};
    let client = reqwest::Client::new();
    stream::iter(ids)
        .map(|id| {
            let client = client.clone();
            async move {
                let url = format!("http://{addr}/detail/{id}");
                let body = client
                    .get(url)
                    .send()
                    .await
                    .map_err(io::Error::other)?
                    .text()
                    .await
                    .map_err(io::Error::other)?;
                Ok::<_, io::Error>(http_get::title(&body).unwrap_or_default().to_string())
            }
        })
        .buffered(limit)
        .try_collect()
        .await
    // END SOLUTION
    // STARTER todo!("fetch every page with at most `limit` requests at once")
}
