//! Wrong answer: hands every job over, then sleeps long enough for the
//! longest and takes the answers without waiting.
//!
//! Why a student writes it: the jobs it was tried on take at most 300 ms,
//! so a 400 ms nap "always works". It is too long for quick jobs and too
//! short for slow ones: wait for the answers, not for a time.

use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub fn run_on(handle: &tokio::runtime::Handle, jobs: Vec<Job>) -> Vec<u32> {
    let mut answers: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let (reply, answer) = tokio::sync::oneshot::channel();
            handle.spawn(async move {
                let _ = reply.send(job.await);
            });
            answer
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(400));
    answers.iter_mut().map(|a| a.try_recv().unwrap()).collect()
}
