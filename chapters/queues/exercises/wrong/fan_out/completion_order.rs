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

pub async fn fan_out(jobs: mpsc::Receiver<(usize, Job)>, workers: usize) -> Vec<u32> {
    let jobs = Arc::new(Mutex::new(jobs));
    let (answer, mut answers) = mpsc::unbounded_channel();
    for _ in 0..workers {
        let (jobs, answer) = (jobs.clone(), answer.clone());
        tokio::spawn(async move {
            loop {
                let next = jobs.lock().await.recv().await;
                let Some((_number, job)) = next else { break };
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
