//! Wrong answer: one fetch after another.
//!
//! Why a student writes it: a plain loop over the frontier is the crawler
//! one writes first, and it never goes over the limit. But it never uses
//! the limit either: one request in flight when `limit` are allowed.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Fetches a page: the pages it links to.
pub type Fetch = Arc<dyn Fn(u32) -> Pin<Box<dyn Future<Output = Vec<u32>> + Send>> + Send + Sync>;

pub async fn crawl_once(root: u32, fetch: Fetch, limit: usize) -> Vec<u32> {
    let _ = limit;
    let mut seen = HashSet::from([root]);
    let mut frontier = vec![root];
    let mut fetched = Vec::new();
    while let Some(page) = frontier.pop() {
        let links = fetch(page).await;
        fetched.push(page);
        for link in links {
            if seen.insert(link) {
                frontier.push(link);
            }
        }
    }
    fetched
}
