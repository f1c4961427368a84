//! Wrong answer: keeps its own sender of the stop channel.
//!
//! Why a student writes it: only the clones are handed to the jobs, and
//! the original looks harmless. With jobs, it works. With none, `recv()`
//! waits for a message that can never come, since a sender still exists:
//! the loop runs forever.

use std::future::Future;

pub fn run_until_first<F>(jobs: Vec<F>) -> Option<usize>
where
    F: Future<Output = ()> + Send + 'static,
{
    let runtime = tokio::runtime::Runtime::new().expect("could not start the tokio runtime");
    let (stop, mut stopped) = tokio::sync::mpsc::unbounded_channel();
    for (i, job) in jobs.into_iter().enumerate() {
        let stop = stop.clone();
        runtime.spawn(async move {
            job.await;
            let _ = stop.send(i);
        });
    }
    let first = runtime.block_on(stopped.recv());
    runtime.shutdown_background();
    first
}
