//! Wrong answer: keeps its own sender, and bounds the wait with a timeout
//! so that "no jobs" does not hang.
//!
//! Why a student writes it: with no jobs the first version hung, and a
//! timeout is the quick fix. But it guesses how long a job may take: any
//! set of jobs whose first one needs more than half a second comes back as
//! `None`, as if there had been no jobs at all.

use std::future::Future;
use std::time::Duration;

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
    let first = runtime.block_on(async {
        tokio::time::timeout(Duration::from_millis(500), stopped.recv())
            .await
            .ok()
            .flatten()
    });
    runtime.shutdown_background();
    first
}
