//! Wrong answer: no tasks at all; the jobs are polled inside `run_group`.
//!
//! Why a student writes it: `FuturesUnordered` runs the jobs at once and
//! an early return drops (cancels) the rest, which looks like a group. But
//! the jobs are not tasks: they all share the caller's one task, never run
//! on the runtime's other threads, and make no progress while the caller
//! is busy elsewhere.

use std::future::Future;
use std::pin::Pin;
pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;

pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    use futures::StreamExt;
    let mut running: futures::stream::FuturesUnordered<Job> = jobs.into_iter().collect();
    let mut values = Vec::new();
    while let Some(result) = running.next().await {
        values.push(result?);
    }
    Ok(values)
}
