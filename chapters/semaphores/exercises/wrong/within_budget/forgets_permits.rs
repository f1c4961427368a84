//! Wrong answer: takes a job's permits and `forget`s them, so the task does
//! not need to keep the permit.
//!
//! Why a student writes it: `forget` makes a lifetime error go away. The
//! permits are never given back: the budget shrinks with every job, and
//! the later jobs wait forever.

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
        if job.size > BUDGET {
            handles.push(Err(TooBig(job.size)));
            continue;
        }
        let budget = budget.clone();
        handles.push(Ok(tokio::spawn(async move {
            budget.acquire_many(job.size).await.unwrap().forget();
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
