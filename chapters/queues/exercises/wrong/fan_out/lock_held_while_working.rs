//! Wrong answer: `while let Some(job) = jobs.lock().await.recv().await`.
//!
//! Why a student writes it: it is the usual loop over a receiver, with the
//! lock added. But the guard is a temporary of the `while let` condition,
//! and it lives through the loop's body: a worker holds the lock while
//! its job runs, and the other workers wait for it. One job at a time.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};

/// One job: its result, when awaited.
pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn fan_out(jobs: mpsc::Receiver<(usize, Job)>, workers: usize) -> Vec<u32> {
    assert!(workers > 0, "fan_out needs at least one worker");
    let jobs = Arc::new(Mutex::new(jobs));
    let mut handles = Vec::new();
    for _ in 0..workers {
        let jobs = jobs.clone();
        handles.push(tokio::spawn(async move {
            let mut results = Vec::new();
            while let Some((number, job)) = jobs.lock().await.recv().await {
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
}
