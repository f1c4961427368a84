//! Python 3.11's `asyncio.TaskGroup` on tokio: run every job as a task;
//! if one fails, cancel the others, wait until they have stopped, and
//! return its error. No task may outlive the group.
//!
//! The checker's jobs wait, then return a value or fail; each notes when
//! it is dropped, and whether it ever finished.

use std::future::Future;
use std::pin::Pin;

/// A job of the group.
pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;

/// Runs every job at once. Returns every value, in the order the jobs
/// finish, or the first error; either way, when it returns, no job runs.
pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    // BEGIN SOLUTION
    let mut group = tokio::task::JoinSet::new();
    for job in jobs {
        group.spawn(job);
    }
    let mut values = Vec::new();
    while let Some(joined) = group.join_next().await {
        let result = match joined {
            Ok(result) => result,
            Err(e) if e.is_cancelled() => continue,
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        };
        match result {
            Ok(value) => values.push(value),
            Err(error) => {
                group.shutdown().await; // cancel the others, and wait for them
                return Err(error);
            }
        }
    }
    Ok(values)
    // END SOLUTION
    // STARTER todo!("run the jobs as tasks; at the first error cancel the rest and wait for them")
}
