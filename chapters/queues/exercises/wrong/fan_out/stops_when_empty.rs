//! Wrong answer: a worker takes jobs with `try_recv` and stops at the
//! first error.
//!
//! Why a student writes it: it is Python's `get_nowait()` in a loop with
//! `except queue.Empty: break`, and it works when every job is in the
//! queue before the workers start. But an empty queue is not a finished
//! one: jobs that arrive a moment later find no worker left.

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
            loop {
                let next = jobs.lock().await.try_recv();
                let Ok((number, job)) = next else { break }; // empty, or closed
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
