//! Wrong answer: batches of `limit`, each waited for before the next.
//!
//! Why a student writes it: it is the Python tutorial's crawler (ten URLs,
//! `gather`, the next ten), and it never goes over the limit. But each
//! batch waits for its slowest page while the other places stay empty.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Fetches a page: the pages it links to.
pub type Fetch = Arc<dyn Fn(u32) -> Pin<Box<dyn Future<Output = Vec<u32>> + Send>> + Send + Sync>;

pub async fn crawl_once(root: u32, fetch: Fetch, limit: usize) -> Vec<u32> {
    let mut seen = HashSet::from([root]);
    let mut frontier = vec![root];
    let mut fetched = Vec::new();
    while !frontier.is_empty() {
        let at = frontier.len().saturating_sub(limit);
        let batch: Vec<u32> = frontier.split_off(at);
        let requests = batch.iter().map(|&page| fetch(page));
        let results = futures_join_all(requests).await;
        for (page, links) in batch.into_iter().zip(results) {
            fetched.push(page);
            for link in links {
                if seen.insert(link) {
                    frontier.push(link);
                }
            }
        }
    }
    fetched
}

/// Awaits every future, on tasks of their own.
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await.expect("a fetch does not panic"));
    }
    results
}
