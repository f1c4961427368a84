//! Wrong answer: every `JoinError` is skipped, panics included.
//!
//! Why a student writes it: the group cancels tasks itself, so a
//! `JoinError` looks like one of those cancellations, and `continue` keeps
//! the loop going. But a task that panicked is a bug: skipping it hides the
//! panic and its message, and the group reports success without that job.

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
        let Ok(result) = joined else { continue };
        match result {
            Ok(value) => values.push(value),
            Err(error) => {
                group.shutdown().await;
                return Err(error);
            }
        }
    }
    Ok(values)
}
