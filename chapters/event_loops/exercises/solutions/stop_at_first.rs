//! asyncio's `loop.run_forever()` with a callback that calls `loop.stop()`
//! when the first job is done, then `loop.close()`, on tokio: run the jobs
//! on a runtime of your own until one of them finishes, and return its
//! index; then close the runtime, so that the jobs still running are
//! cancelled rather than left to run on.
//!
//! The checker's jobs note when they finish, and when they are dropped.

use std::future::Future;

/// Runs `jobs` until the first one finishes and returns its index (`None`
/// if there are no jobs). When this returns, no job runs any more.
pub fn run_until_first<F>(jobs: Vec<F>) -> Option<usize>
where
    F: Future<Output = ()> + Send + 'static,
{
    // BEGIN SOLUTION
    let runtime = tokio::runtime::Runtime::new().expect("could not start the tokio runtime");
    let (stop, mut stopped) = tokio::sync::mpsc::unbounded_channel();
    for (i, job) in jobs.into_iter().enumerate() {
        let stop = stop.clone();
        runtime.spawn(async move {
            job.await;
            let _ = stop.send(i); // loop.stop()
        });
    }
    drop(stop); // with no jobs, `recv` sees no sender left and returns None
    let first = runtime.block_on(stopped.recv()); // loop.run_forever()
    // loop.close(): dropping the runtime drops the tasks still running, and
    // waits until they have been dropped.
    drop(runtime);
    first
    // END SOLUTION
    // STARTER todo!("spawn the jobs on a runtime of your own; stop it when the first is done")
}
