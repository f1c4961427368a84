//! Wrong answer: a task per job as it arrives, with no workers.
//!
//! Why a student writes it: spawning is cheap, and every job gets done.
//! But all the jobs run at once: `workers` is ignored, and whatever the
//! pool was protecting (a server, a connection limit) gets them all.

use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn fan_out(mut jobs: mpsc::Receiver<(usize, Job)>, _workers: usize) -> Vec<u32> {
    let mut handles = Vec::new();
    while let Some((number, job)) = jobs.recv().await {
        handles.push((number, tokio::spawn(job)));
    }
    let mut results = vec![0; handles.len()];
    for (number, handle) in handles {
        results[number] = handle.await.expect("no job panics");
    }
    results
}
