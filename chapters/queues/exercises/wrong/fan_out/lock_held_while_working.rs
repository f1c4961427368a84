//! Wrong answer: `while let Some(job) = receiver.lock().await.recv().await`.
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

pub async fn fan_out(jobs: Vec<Job>, workers: usize) -> Vec<u32> {
    let count = jobs.len();
    let (queue, receiver) = mpsc::channel(count.max(1));
    for job in jobs.into_iter().enumerate() {
        queue.send(job).await.expect("the receiver is here");
    }
    drop(queue); // closed: a worker's `recv` gives `None` once it is empty
    let receiver = Arc::new(Mutex::new(receiver));
    let mut handles = Vec::new();
    for _ in 0..workers {
        let receiver = receiver.clone();
        handles.push(tokio::spawn(async move {
            let mut results = Vec::new();
            while let Some((index, job)) = receiver.lock().await.recv().await {
                results.push((index, job.await));
            }
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
