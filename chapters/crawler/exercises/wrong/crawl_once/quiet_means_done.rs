//! Wrong answer: the crawl ends when no result has come for a while.
//!
//! Why a student writes it: it is the Python worker pool's
//! `await asyncio.wait_for(queue.get(), timeout=...)`: when the queue stays
//! empty long enough, the workers stop. Each page is fetched once and the
//! limit holds, but "quiet" is a guess: a crawl whose last page takes
//! longer than the guess ends with pages unfetched, and every crawl waits
//! the whole guess for nothing at its end.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Fetches a page: the pages it links to.
pub type Fetch = Arc<dyn Fn(u32) -> Pin<Box<dyn Future<Output = Vec<u32>> + Send>> + Send + Sync>;

pub async fn crawl_once(root: u32, fetch: Fetch, limit: usize) -> Vec<u32> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(u32, Vec<u32>)>();
    let mut seen = HashSet::from([root]);
    let mut frontier = vec![root];
    let mut running = 0;
    let mut fetched = Vec::new();
    loop {
        while running < limit {
            let Some(page) = frontier.pop() else { break };
            let (fetch, tx) = (fetch.clone(), tx.clone());
            running += 1;
            tokio::spawn(async move {
                let links = fetch(page).await;
                let _ = tx.send((page, links));
            });
        }
        // Nothing for half a second: the crawl is over.
        let Ok(Some((page, links))) =
            tokio::time::timeout(std::time::Duration::from_millis(500), rx.recv()).await
        else {
            break;
        };
        running -= 1;
        fetched.push(page);
        for link in links {
            if seen.insert(link) {
                frontier.push(link);
            }
        }
    }
    fetched
}
