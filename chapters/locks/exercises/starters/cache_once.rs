// Exercise `cache_once`: replace the `todo` below with your code, then run
// `cargo exercise check cache_once`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! Python's `get_stuff` with an `asyncio.Lock`: many callers ask for the
//! same page at once, and the page is fetched once. The lock is held across
//! the fetch, so the callers after the first wait for it and then find the
//! page in the cache.
//!
//! The checker's fetch takes 200 ms and returns a page drawn for the run;
//! it counts its calls.

use std::future::Future;
use std::pin::Pin;

/// Fetches the page (a request to a slow server, in real life).
pub type Fetch = Box<dyn Fn() -> Pin<Box<dyn Future<Output = String> + Send>> + Send + Sync>;

/// The cache: `None` until the page has been fetched once.
pub type Cache = tokio::sync::Mutex<Option<String>>;

/// The page, from the cache, or fetched (once, however many call at once)
/// and then kept in the cache.
pub async fn get_page(cache: &Cache, fetch: &Fetch) -> String {
    todo!("look in the cache; fetch only if it is empty, and let nobody else fetch meanwhile")
}
