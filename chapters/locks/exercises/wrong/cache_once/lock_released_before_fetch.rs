//! Wrong answer: looks in the cache under the lock, lets go, fetches, and
//! locks again to store the page.
//!
//! Why a student writes it: "never hold a lock across an `.await`" is
//! advice for `std::sync::Mutex`. Released before the fetch, the lock
//! protects nothing: all five callers find the cache empty and all fetch.

use std::future::Future;
use std::pin::Pin;

pub type Fetch = Box<dyn Fn() -> Pin<Box<dyn Future<Output = String> + Send>> + Send + Sync>;
pub type Cache = tokio::sync::Mutex<Option<String>>;


pub async fn get_page(cache: &Cache, fetch: &Fetch) -> String {
    if let Some(page) = &*cache.lock().await {
        return page.clone();
    }
    let page = fetch().await;
    *cache.lock().await = Some(page.clone());
    page
}
