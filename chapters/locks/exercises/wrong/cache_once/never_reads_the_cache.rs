//! Wrong answer: fetches under the lock every time, without looking in the
//! cache first.
//!
//! Why a student writes it: the lock is held across the fetch, as the
//! chapter says. But a cache that is never read is no cache: the callers
//! fetch one after another, five times.

use std::future::Future;
use std::pin::Pin;

pub type Fetch = Box<dyn Fn() -> Pin<Box<dyn Future<Output = String> + Send>> + Send + Sync>;
pub type Cache = tokio::sync::Mutex<Option<String>>;


pub async fn get_page(cache: &Cache, fetch: &Fetch) -> String {
    let mut cached = cache.lock().await;
    let page = fetch().await;
    *cached = Some(page.clone());
    page
}
