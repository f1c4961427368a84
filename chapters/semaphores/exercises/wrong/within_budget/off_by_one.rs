//! Wrong answer: refuses a job whose size is the whole budget
//! (`size >= BUDGET`).
//!
//! Why a student writes it: "too big" reads as "at least the budget". A job
//! of exactly 10 fits a budget of 10: it only has to run alone.

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
    let mut handles = Vec::new();
    for job in jobs {
        if job.size >= BUDGET {
            handles.push(Err(TooBig(job.size)));
            continue;
        }
        let budget = budget.clone();
        handles.push(Ok(tokio::spawn(async move {
            let _share = budget.acquire_many_owned(job.size).await.unwrap();
            job.work.await
        })));
    }
    let mut results = Vec::new();
    for handle in handles {
        results.push(match handle {
            Ok(task) => Ok(task.await.unwrap()),
            Err(too_big) => Err(too_big),
        });
    }
    results
}
