//! At most K: fetch every page, but never have more than `limit` requests
//! in flight at once (a polite crawler does not flood a server). The pages
//! answer after different delays, so start the next request as soon as any
//! request finishes: a sliding window, not fixed batches.
//!
//! Tools: `futures::stream::iter(paths).map(...).buffered(limit)` keeps the
//! order and the limit; a `tokio::sync::Semaphore` or `async_lock::Semaphore`
//! works too. Set `RUNTIME` to match.

use exercise_support::Runtime;
use std::io;
use std::net::SocketAddr;

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Tokio;

/// The titles of the pages at `paths` (such as `/detail/3?delay_ms=400`) on
/// the server at `addr`, in the order of `paths`, with at most `limit`
/// requests in flight at any time.
pub async fn fetch_titles_limited(
    addr: SocketAddr,
    paths: Vec<String>,
    limit: usize,
) -> io::Result<Vec<String>> {
    // BEGIN SOLUTION
    use futures::stream::{self, StreamExt, TryStreamExt};
    // One client for every request: one connection pool, so a connection is
    // reused for the next request instead of opening a new socket each time.
    let client = reqwest::Client::new();
    stream::iter(paths)
        .map(|path| {
            let client = client.clone(); // a handle to the same pool
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
        // At most `limit` at once; a new one starts as soon as one is done.
        .buffered(limit)
        .try_collect()
        .await
    // END SOLUTION
    // STARTER todo!("fetch every page with at most `limit` requests at once")
}
