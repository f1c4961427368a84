//! Wrong answer: the workers send each result into a second channel as it
//! is ready, and `fan_out` returns them in the order they arrive.
//!
//! Why a student writes it: a channel for the answers is the natural
//! mirror of the channel for the jobs, and with jobs that all take as
//! long, the answers come in the order of the jobs. A quick job given late
//! finishes early and comes back out of its place.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn fan_out(jobs: Vec<Job>, workers: usize) -> Vec<u32> {
    let count = jobs.len();
    let (queue, receiver) = mpsc::channel(count.max(1));
    for job in jobs {
        queue.send(job).await.expect("the receiver is here");
    }
    drop(queue);
    let receiver = Arc::new(Mutex::new(receiver));
    let (answer, mut answers) = mpsc::unbounded_channel();
    for _ in 0..workers {
        let (receiver, answer) = (receiver.clone(), answer.clone());
        tokio::spawn(async move {
            loop {
                let next = receiver.lock().await.recv().await;
                let Some(job) = next else { break };
                let _ = answer.send(job.await);
            }
        });
    }
    drop(answer);
    let mut results = Vec::new();
    while let Some(result) = answers.recv().await {
        results.push(result);
    }
    results
}
