//! Wrong answer: each job's permits taken and its work awaited in turn, in
//! the calling task.
//!
//! Why a student writes it: it keeps to the budget and gives the values in
//! order, trivially. But one job runs at a time: the budget is never used.

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
    let budget = tokio::sync::Semaphore::new(BUDGET as usize);
    let mut results = Vec::new();
    for job in jobs {
        if job.size > BUDGET {
            results.push(Err(TooBig(job.size)));
            continue;
        }
        let _share = budget.acquire_many(job.size).await.unwrap();
        results.push(Ok(job.work.await));
    }
    results
}
