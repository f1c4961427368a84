//! A pool of workers fed by one queue: jobs arrive on a
//! `tokio::sync::mpsc` channel, numbered, as the checker sends them (some
//! only later); `workers` tasks take them, run them, and stop when the
//! queue is empty and closed. tokio's `mpsc` has a single receiver: the
//! workers must share it.
//!
//! `fan_out` returns each job's result in the place its number says (the
//! numbers are 0, 1, 2, ... with none missing). At most `workers` jobs may
//! run at once, and as many as that should whenever there are jobs
//! waiting, so that a long job does not hold up the others. The checker
//! runs on tokio's current-thread runtime with jobs that count how many
//! run at once.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};

/// One job: its result, when awaited.
pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn fan_out(jobs: mpsc::Receiver<(usize, Job)>, workers: usize) -> Vec<u32> {
    // BEGIN SOLUTION
    assert!(workers > 0, "fan_out needs at least one worker");
    let jobs = Arc::new(Mutex::new(jobs));
    let mut handles = Vec::new();
    for _ in 0..workers {
        let jobs = jobs.clone();
        handles.push(tokio::spawn(async move {
            let mut results = Vec::new();
            loop {
                // The lock is let go at the end of this statement, before
                // the job runs: the other workers can take the next jobs.
                let next = jobs.lock().await.recv().await;
                let Some((number, job)) = next else { break }; // closed and empty
                results.push((number, job.await));
            }
            results
        }));
    }
    let mut numbered = Vec::new();
    for handle in handles {
        numbered.extend(handle.await.expect("no job panics"));
    }
    let mut results = vec![0; numbered.len()];
    for (number, result) in numbered {
        results[number] = result;
    }
    results
    // END SOLUTION
    // STARTER todo!("let `workers` tasks share the receiver, each running jobs until the queue is closed")
}
