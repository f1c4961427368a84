//! Wrong answer: returns at the first job, but never closes the runtime.
//!
//! Why a student writes it: dropping a tokio runtime can wait for blocking
//! work, so `std::mem::forget` looks like a quick way out. But the runtime's
//! worker threads live on, and so do the other jobs: they run to their end
//! after this function has returned, which a stopped loop must not allow.

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
    drop(stop);
    let first = runtime.block_on(stopped.recv());
    std::mem::forget(runtime);
    first
}
