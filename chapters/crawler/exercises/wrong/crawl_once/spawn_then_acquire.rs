//! Wrong answer: the fetch is spawned, then a semaphore permit is taken
//! before its result is awaited.
//!
//! Why a student writes it: the permit is there and is held "while the
//! request runs". But a spawned task runs at once, permit or not: the
//! limit holds back only the waiting for results, not the requests.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Fetches a page: the pages it links to.
pub type Fetch = Arc<dyn Fn(u32) -> Pin<Box<dyn Future<Output = Vec<u32>> + Send>> + Send + Sync>;

pub async fn crawl_once(root: u32, fetch: Fetch, limit: usize) -> Vec<u32> {
    let permits = Arc::new(tokio::sync::Semaphore::new(limit));
    let mut seen = HashSet::from([root]);
    let mut frontier = vec![root];
    let mut running = tokio::task::JoinSet::new();
    let mut fetched = Vec::new();
    loop {
        while let Some(page) = frontier.pop() {
            let request = tokio::spawn(fetch(page));
            let permits = permits.clone();
            running.spawn(async move {
                let _permit = permits.acquire_owned().await.expect("never closed");
                (page, request.await.expect("a fetch does not panic"))
            });
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
