//! Wrong answer: waits for every job, then reports the first error.
//!
//! Why a student writes it: it is `gather(return_exceptions=True)`, which
//! they know, and the error it returns is the right one. But the group
//! lets the other jobs run to their end instead of cancelling them, and
//! returns only when the slowest is done.

use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = Result<u32, String>> + Send>>;

pub async fn run_group(jobs: Vec<Job>) -> Result<Vec<u32>, String> {
    let handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut results = Vec::new();
    for handle in handles {
        results.push(handle.await.expect("no job panics"));
    }
    results.into_iter().collect()
}
