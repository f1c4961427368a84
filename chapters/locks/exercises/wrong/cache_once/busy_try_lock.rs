//! Wrong answer: waits for the lock by trying again and again
//! (`try_lock` in a loop with `yield_now`).
//!
//! Why a student writes it: `try_lock` never waits, and the yield lets the
//! other tasks run, so it looks polite. But every waiting caller is polled
//! over and over while the fetch runs: the runtime's threads spin, where
//! `lock().await` would sleep until the lock is free.

use std::future::Future;
use std::pin::Pin;

pub type Fetch = Box<dyn Fn() -> Pin<Box<dyn Future<Output = String> + Send>> + Send + Sync>;
pub type Cache = tokio::sync::Mutex<Option<String>>;

pub async fn get_page(cache: &Cache, fetch: &Fetch) -> String {
    loop {
        if let Ok(mut cached) = cache.try_lock() {
            if let Some(page) = &*cached {
                return page.clone();
            }
            let page = fetch().await;
            *cached = Some(page.clone());
            return page;
        }
        tokio::task::yield_now().await;
    }
}
