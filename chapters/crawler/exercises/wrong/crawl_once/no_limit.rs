//! Wrong answer: every page found is spawned at once.
//!
//! Why a student writes it: tasks are cheap, and each page is still
//! fetched once. But `limit` is ignored: the server gets every request of
//! the frontier at once.

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
    let mut running = tokio::task::JoinSet::new();
    let mut fetched = Vec::new();
    loop {
        while let Some(page) = frontier.pop() {
            let fetch = fetch.clone();
            running.spawn(async move { (page, fetch(page).await) });
        }
        let Some(done) = running.join_next().await else {
            break;
        };
        let (page, links) = done.expect("a fetch does not panic");
        fetched.push(page);
        for link in links {
            if seen.insert(link) {
                frontier.push(link);
            }
        }
    }
    fetched
}
