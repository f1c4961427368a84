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
    // BEGIN SOLUTION
    let mut cached = cache.lock().await; // held across the fetch
    if let Some(page) = &*cached {
        return page.clone();
    }
    let page = fetch().await;
    *cached = Some(page.clone());
    page
    // END SOLUTION
    // STARTER todo!("look in the cache; fetch only if it is empty, and let nobody else fetch meanwhile")
}
