//! Wrong answer: hands each job over and waits for it before the next.
//!
//! Why a student writes it: "spawn, then wait for the answer" is the
//! pattern, and a loop repeats it. Waiting inside the loop means the next
//! job is handed over only when the last one is done: the jobs run one
//! after another.

use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub fn run_on(handle: &tokio::runtime::Handle, jobs: Vec<Job>) -> Vec<u32> {
    let mut values = Vec::new();
    for job in jobs {
        let (reply, answer) = tokio::sync::oneshot::channel();
        handle.spawn(async move {
            let _ = reply.send(job.await);
        });
        values.push(answer.blocking_recv().unwrap());
    }
    values
}
