//! Wrong answer: aborts the others at the first error, but does not wait
//! for them to stop.
//!
//! Why a student writes it: `abort()` reads like "stop now". It only asks:
//! each task stops when its worker next gets to it, and until then it still
//! runs, after the group has returned. (Dropping a `JoinSet` does the same.)

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
                return Err(error);
            }
        }
    }
    Ok(values)
}
