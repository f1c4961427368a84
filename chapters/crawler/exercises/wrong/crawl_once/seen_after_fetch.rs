//! Wrong answer: a page is marked seen when its fetch ends.
//!
//! Why a student writes it: "seen" sounds like "fetched". But a link found
//! again while its page waits in the frontier or is being fetched is
//! queued again, and the page is fetched twice.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Fetches a page: the pages it links to.
pub type Fetch = Arc<dyn Fn(u32) -> Pin<Box<dyn Future<Output = Vec<u32>> + Send>> + Send + Sync>;

pub async fn crawl_once(root: u32, fetch: Fetch, limit: usize) -> Vec<u32> {
    let mut seen = HashSet::new();
    let mut frontier = vec![root];
    let mut running = tokio::task::JoinSet::new();
    let mut fetched = Vec::new();
    loop {
        while running.len() < limit {
            let Some(page) = frontier.pop() else { break };
            let fetch = fetch.clone();
            running.spawn(async move { (page, fetch(page).await) });
        }
        let Some(done) = running.join_next().await else {
            break;
        };
        let (page, links) = done.expect("a fetch does not panic");
        seen.insert(page);
        fetched.push(page);
        for link in links {
            if !seen.contains(&link) {
                frontier.push(link);
            }
        }
    }
    fetched
}
