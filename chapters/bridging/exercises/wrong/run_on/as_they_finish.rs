//! Wrong answer: every job sends its value on one channel; the values come
//! back in the order the jobs finish.
//!
//! Why a student writes it: one channel for all the answers is simpler
//! than one per job. But the jobs finish in another order than they were
//! given, and `run_coroutine_threadsafe` gives each caller its own answer.

use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub fn run_on(handle: &tokio::runtime::Handle, jobs: Vec<Job>) -> Vec<u32> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let count = jobs.len();
    for job in jobs {
        let tx = tx.clone();
        handle.spawn(async move {
            let _ = tx.send(job.await);
        });
    }
    (0..count).map(|_| rx.blocking_recv().unwrap()).collect()
}
