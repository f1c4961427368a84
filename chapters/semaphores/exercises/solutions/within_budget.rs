//! Jobs of different sizes within one budget (of memory, say): the sizes
//! of the jobs running at once never add up to more than `BUDGET`. A
//! semaphore with `BUDGET` permits, and each job takes as many permits as
//! its size, all at once. A job larger than the whole budget could never
//! run: it is refused at once instead of waiting forever.
//!
//! The checker's jobs take 100 to 200 ms, return values drawn for the run,
//! and add up the sizes running at once.

use std::future::Future;
use std::pin::Pin;

/// The budget: the sizes running at once add up to this at most.
pub const BUDGET: u32 = 10;

/// A job: how much of the budget it needs, and its work.
pub struct Job {
    pub size: u32,
    pub work: Pin<Box<dyn Future<Output = u32> + Send>>,
}

/// A job larger than the whole budget.
#[derive(Debug, PartialEq)]
pub struct TooBig(pub u32);

/// Runs every job as a task, as many at once as the budget allows, and
/// returns each job's value in the order of `jobs`, or `TooBig` for a job
/// that can never fit (without running it).
pub async fn run_within_budget(jobs: Vec<Job>) -> Vec<Result<u32, TooBig>> {
    // BEGIN SOLUTION
    let budget = std::sync::Arc::new(tokio::sync::Semaphore::new(BUDGET as usize));
    let mut handles = Vec::new();
    for job in jobs {
        if job.size > BUDGET {
            handles.push(Err(TooBig(job.size)));
            continue;
        }
        let budget = budget.clone();
        handles.push(Ok(tokio::spawn(async move {
            // All of its permits at once: taking them one by one, two big
            // jobs could each hold half the budget and wait for the other.
            let _share = budget.acquire_many_owned(job.size).await.expect("never closed");
            job.work.await
        })));
    }
    let mut results = Vec::new();
    for handle in handles {
        results.push(match handle {
            Ok(task) => Ok(task.await.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))),
            Err(too_big) => Err(too_big),
        });
    }
    results
    // END SOLUTION
    // STARTER todo!("a semaphore of BUDGET permits; each job takes `size` permits at once, in its own task")
}
