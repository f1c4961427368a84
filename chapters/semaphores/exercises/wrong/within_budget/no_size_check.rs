//! Wrong answer: no check for a job larger than the budget.
//!
//! Why a student writes it: `acquire_many(size)` looks like it handles
//! every size. A semaphore of 10 permits can never give 12: that job waits
//! forever, and so does everything that waits for it.

use std::future::Future;
use std::pin::Pin;

pub const BUDGET: u32 = 10;

pub struct Job {
    pub size: u32,
    pub work: Pin<Box<dyn Future<Output = u32> + Send>>,
}

#[derive(Debug, PartialEq)]
pub struct TooBig(pub u32);


pub async fn run_within_budget(jobs: Vec<Job>) -> Vec<Result<u32, TooBig>> {
    let budget = std::sync::Arc::new(tokio::sync::Semaphore::new(BUDGET as usize));
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let budget = budget.clone();
            tokio::spawn(async move {
                let _share = budget.acquire_many_owned(job.size).await.unwrap();
                job.work.await
            })
        })
        .collect();
    let mut results = Vec::new();
    for handle in handles {
        results.push(Ok(handle.await.unwrap()));
    }
    results
}
