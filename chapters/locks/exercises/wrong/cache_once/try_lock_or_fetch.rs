//! Wrong answer: if the lock is busy, fetch anyway instead of waiting.
//!
//! Why a student writes it: waiting for the lock looks slow, and
//! `try_lock` never waits. But the lock is busy precisely while the first
//! caller fetches: every other caller fetches too.

use std::future::Future;
use std::pin::Pin;

pub type Fetch = Box<dyn Fn() -> Pin<Box<dyn Future<Output = String> + Send>> + Send + Sync>;
pub type Cache = tokio::sync::Mutex<Option<String>>;


pub async fn get_page(cache: &Cache, fetch: &Fetch) -> String {
    match cache.try_lock() {
        Ok(mut cached) => {
            if let Some(page) = &*cached {
                return page.clone();
            }
            let page = fetch().await;
            *cached = Some(page.clone());
            page
        }
        Err(_busy) => fetch().await,
    }
}
