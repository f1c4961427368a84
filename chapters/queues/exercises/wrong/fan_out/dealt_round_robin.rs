//! Wrong answer: a dispatcher deals the jobs out in turn, job i to worker
//! i % workers, each worker with a channel of its own.
//!
//! Why a student writes it: it avoids sharing a receiver behind a lock,
//! and the work is split evenly by count. But not by time: a worker dealt
//! a long job still gets its share of the others, while a free worker sits
//! idle. A shared queue lets whoever is free take the next job.

use std::future::Future;
use std::pin::Pin;
use tokio::sync::mpsc;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn fan_out(mut jobs: mpsc::Receiver<(usize, Job)>, workers: usize) -> Vec<u32> {
    let mut lanes = Vec::new();
    let mut handles = Vec::new();
    for _ in 0..workers {
        let (lane, mut mine) = mpsc::unbounded_channel::<(usize, Job)>();
        lanes.push(lane);
        handles.push(tokio::spawn(async move {
            let mut results = Vec::new();
            while let Some((number, job)) = mine.recv().await {
                results.push((number, job.await));
            }
            results
        }));
    }
    let mut dealt = 0;
    while let Some(numbered) = jobs.recv().await {
        let _ = lanes[dealt % workers].send(numbered);
        dealt += 1;
    }
    drop(lanes);
    let mut results = vec![0; dealt];
    for handle in handles {
        for (number, result) in handle.await.expect("no job panics") {
            results[number] = result;
        }
    }
    results
}
