//! Wrong answer: `abort_all`, then a sleep "to give them a moment to stop".
//!
//! Why a student writes it: `abort_all` returns at once and the tasks stop
//! soon after, so a short sleep seems to cover it. It is a guess: a task
//! whose clean-up takes longer than the sleep still runs after the group
//! returns, and one that stops sooner makes the group wait for nothing.

use std::future::Future;
use std::pin::Pin;
pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;

pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    let mut group = tokio::task::JoinSet::new();
    for job in jobs {
        group.spawn(job);
    }
    let mut values = Vec::new();
    while let Some(joined) = group.join_next().await {
        match joined.expect("no job panics") {
            Ok(value) => values.push(value),
            Err(error) => {
                group.abort_all();
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                return Err(error);
            }
        }
    }
    Ok(values)
}
