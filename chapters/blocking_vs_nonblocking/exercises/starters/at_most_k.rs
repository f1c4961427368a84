// Exercise `at_most_k`: replace the `todo` below with your code, then run
// `cargo exercise check at_most_k`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

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
    todo!("fetch every page with at most `limit` requests at once")
}
