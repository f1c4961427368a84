//! Wrong answer: the sender is never dropped.
//!
//! Why a student writes it: every job was sent, so the work looks done.
//! But a worker learns there is no more work only when the queue is empty
//! *and closed*; while a sender lives, `recv` waits for more, and the
//! workers (and `fan_out`) wait forever.

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
    let receiver = Arc::new(Mutex::new(receiver));
    let mut handles = Vec::new();
    for _ in 0..workers {
        let receiver = receiver.clone();
        handles.push(tokio::spawn(async move {
            let mut results = Vec::new();
            loop {
                // The lock is let go at the end of this statement, before
                // the job runs: the other workers can take the next jobs.
                let next = receiver.lock().await.recv().await;
                let Some((index, job)) = next else { break };
                results.push((index, job.await));
            }
            results
        }));
    }
    let _keep = queue;
    let mut results = vec![0; count];
    for handle in handles {
        for (index, result) in handle.await.expect("no job panics") {
            results[index] = result;
        }
    }
    results
}
