//! Wrong answer: a task per job, with no shared queue.
//!
//! Why a student writes it: spawning is cheap, and every job gets done.
//! But all the jobs run at once: `workers` is ignored, and whatever the
//! pool was protecting (a server, a connection limit) gets them all.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};

/// One job: its result, when awaited.
pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn fan_out(jobs: Vec<Job>, workers: usize) -> Vec<u32> {
    let count = jobs.len();
    let _ = (workers, mpsc::channel::<()>, Arc::new(Mutex::new(())));
    let mut handles = Vec::new();
    for (index, job) in jobs.into_iter().enumerate() {
        handles.push(tokio::spawn(async move {
            let mut results = Vec::new();
            results.push((index, job.await));
            results
        }));
    }
    let mut results = vec![0; count];
    for handle in handles {
        for (index, result) in handle.await.expect("no job panics") {
            results[index] = result;
        }
    }
    results
}
