//! Wrong answer: the first caller marks the cache "being fetched" and lets
//! go of the lock; the others look again every 5 ms until the page is there.
//!
//! Why a student writes it: it keeps the lock short, as the advice for
//! `std::sync::Mutex` says. But the waiting callers poll on a timer, and if
//! the first caller is cancelled mid-fetch the mark stays, and they poll
//! forever: the async lock held across the fetch has neither problem.

use std::future::Future;
use std::pin::Pin;

pub type Fetch = Box<dyn Fn() -> Pin<Box<dyn Future<Output = String> + Send>> + Send + Sync>;
pub type Cache = tokio::sync::Mutex<Option<String>>;

pub async fn get_page(cache: &Cache, fetch: &Fetch) -> String {
    loop {
        {
            let mut cached = cache.lock().await;
            match &*cached {
                Some(page) if !page.is_empty() => return page.clone(),
                Some(_being_fetched) => {}
                None => {
                    *cached = Some(String::new());
                    drop(cached);
                    let page = fetch().await;
                    *cache.lock().await = Some(page.clone());
                    return page;
                }
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}
