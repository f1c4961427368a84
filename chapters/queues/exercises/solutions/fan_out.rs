//! A pool of workers fed by one queue: `workers` tasks take jobs from one
//! `tokio::sync::mpsc` channel, run them, and stop when the queue is
//! empty and closed. tokio's `mpsc` has a single receiver: the workers
//! must share it.
//!
//! `fan_out` returns each job's result in the order of the jobs. At most
//! `workers` jobs may run at once, and as many as that should, so that the
//! whole takes about `jobs / workers` job-times. The checker runs on
//! tokio's current-thread runtime with jobs that count how many run at
//! once.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};

/// One job: its result, when awaited.
pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn fan_out(jobs: Vec<Job>, workers: usize) -> Vec<u32> {
    // BEGIN SOLUTION
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
    let mut results = vec![0; count];
    for handle in handles {
        for (index, result) in handle.await.expect("no job panics") {
            results[index] = result;
        }
    }
    results
    // END SOLUTION
    // STARTER todo!("send the jobs into a channel, close it, and let `workers` tasks share the receiver")
}
