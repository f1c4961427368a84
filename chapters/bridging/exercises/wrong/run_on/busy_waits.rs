//! Wrong answer: waits for each answer by asking again and again
//! (`try_recv` in a loop).
//!
//! Why a student writes it: `try_recv` needs no runtime and never blocks,
//! so the loop looks safe on a plain thread. It burns a whole core while it
//! waits, where a blocking receive sleeps the thread until the answer comes.

use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub fn run_on(handle: &tokio::runtime::Handle, jobs: Vec<Job>) -> Vec<u32> {
    let answers: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let (reply, answer) = tokio::sync::oneshot::channel();
            handle.spawn(async move {
                let _ = reply.send(job.await);
            });
            answer
        })
        .collect();
    answers
        .into_iter()
        .map(|mut answer| loop {
            if let Ok(value) = answer.try_recv() {
                break value;
            }
        })
        .collect()
}
