// Exercise `crawl_once`: replace the `todo` below with your code, then run
// `cargo exercise check crawl_once`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! A crawl where each page is fetched exactly once, at most `limit`
//! fetches at once. `fetch(page)` gives the pages that page links to, after
//! a while (the checker's site: a graph drawn for the run, pages that take
//! from a few to some tens of milliseconds). Start from `root`, fetch every
//! page you can reach, each once, never more than `limit` at once, and as
//! many as that whenever there are pages waiting; return the pages fetched,
//! in any order. The checker runs it on tokio's current-thread runtime.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Fetches a page: the pages it links to.
pub type Fetch = Arc<dyn Fn(u32) -> Pin<Box<dyn Future<Output = Vec<u32>> + Send>> + Send + Sync>;

pub async fn crawl_once(root: u32, fetch: Fetch, limit: usize) -> Vec<u32> {
    todo!("fetch every page reachable from root, each once, at most `limit` at once")
}
