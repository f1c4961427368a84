//! A crawl where each page is fetched exactly once, at most `limit`
//! fetches at once. `fetch(page)` gives the pages that page links to, after
//! a while (the checker's site: a graph drawn for the run, pages that take
//! from a few to some tens of milliseconds). Start from `root`, fetch every
//! page you can reach, each once, never more than `limit` at once, and as
//! many as that whenever there are pages waiting; return the pages fetched,
//! in any order. The checker runs it on tokio's current-thread runtime.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Fetches a page: the pages it links to.
pub type Fetch = Arc<dyn Fn(u32) -> Pin<Box<dyn Future<Output = Vec<u32>> + Send>> + Send + Sync>;

pub async fn crawl_once(root: u32, fetch: Fetch, limit: usize) -> Vec<u32> {
    // BEGIN SOLUTION
    assert!(limit > 0, "a crawl needs room for one fetch at least");
    // A page is seen when its link is found, so it is queued once.
    let mut seen = HashSet::from([root]);
    let mut frontier = vec![root];
    let mut running = tokio::task::JoinSet::new();
    let mut fetched = Vec::new();
    loop {
        // The limit is checked before a fetch starts: at most `limit` tasks.
        while running.len() < limit {
            let Some(page) = frontier.pop() else { break };
            let fetch = fetch.clone();
            running.spawn(async move { (page, fetch(page).await) });
        }
        let Some(done) = running.join_next().await else {
            break; // nothing in flight and nothing waiting
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
    // END SOLUTION
    // STARTER todo!("fetch every page reachable from root, each once, at most `limit` at once")
}
