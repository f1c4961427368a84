// Exercise `at_most_k`: replace the `todo` below with your code, then run
// `cargo exercise check at_most_k`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

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
    todo!("fetch every page with at most `limit` requests at once")
}
