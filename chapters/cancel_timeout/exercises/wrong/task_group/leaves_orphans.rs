//! Wrong answer: returns at the first error and leaves the others running.
//!
//! Why a student writes it: returning early looks like "stop at the first
//! error", and the handles are dropped on the way out. But a dropped tokio
//! handle detaches its task: the other jobs run on, orphaned, after the
//! group has returned.

use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;

pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    let mut running: futures::stream::FuturesUnordered<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut values = Vec::new();
    while let Some(joined) = futures::StreamExt::next(&mut running).await {
        values.push(joined.expect("no job panics")?);
    }
    Ok(values)
}
