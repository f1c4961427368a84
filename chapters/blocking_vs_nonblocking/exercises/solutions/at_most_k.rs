//! At most K: fetch every page, but never have more than `limit` requests
//! in flight at once (a polite crawler does not flood a server). The pages
//! answer after different delays, so start the next request as soon as any
//! request finishes: a sliding window, not fixed batches or fixed lanes.
//!
//! Tools: `futures::stream::iter(...).map(...).buffer_unordered(limit)` keeps
//! `limit` requests in flight and hands out each answer as it comes in (so
//! number the paths, and put each title back in its place); a
//! `tokio::sync::Semaphore` or `smol::lock::Semaphore` works too. A page
//! whose status is not a success, or that has no title, is an error. Set
//! `RUNTIME` to match.

use exercise_support::Runtime;
use std::io;
use std::net::SocketAddr;

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Tokio;

/// The titles of the pages at `paths` (such as `/detail/3?delay_ms=400`) on
/// the server at `addr`, in the order of `paths`, with at most `limit`
/// requests in flight at any time; an error if a page fails or has no title.
pub async fn fetch_titles_limited(
    addr: SocketAddr,
    paths: Vec<String>,
    limit: usize,
) -> io::Result<Vec<String>> {
    // BEGIN SOLUTION
    use futures::stream::{self, StreamExt};
    // One client for every request: it is costly to build (a connection
    // pool, a resolver), and its pool serves the next requests on the
    // connections that finished ones left open.
    let client = reqwest::Client::new();
    let mut titles = vec![String::new(); paths.len()];
    let mut answers = stream::iter(paths.into_iter().enumerate())
        .map(|(i, path)| {
            let client = client.clone(); // a handle to the same pool
            async move {
                let url = format!("http://{addr}{path}");
                let body = client
                    .get(&url)
                    .send()
                    .await
                    // A page that is not a success (a 500, say) is an error.
                    .and_then(|answer| answer.error_for_status())
                    .map_err(io::Error::other)?
                    .text()
                    .await
                    .map_err(io::Error::other)?;
                let title = http_get::title(&body).ok_or_else(|| {
                    io::Error::new(io::ErrorKind::InvalidData, format!("{url} has no <title>"))
                })?;
                Ok::<_, io::Error>((i, title.to_string()))
            }
        })
        // At most `limit` at once, and a new one starts as soon as any one
        // is done. (`buffered` would keep the order, but an answer that came
        // early holds its slot until every answer before it is in.)
        .buffer_unordered(limit);
    while let Some(answer) = answers.next().await {
        let (i, title) = answer?;
        titles[i] = title;
    }
    Ok(titles)
    // END SOLUTION
    // STARTER todo!("fetch every page with at most `limit` requests at once")
}
