//! Wrong answer: each job sends its place in the finishing order, not its
//! own index.
//!
//! Why a student writes it: "the index of the first job to finish" is read
//! as "number the jobs as they finish", and a shared counter looks like the
//! way to do it. The first job to finish always gets 0, whichever job it is.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn run_until_first<F>(jobs: Vec<F>) -> Option<usize>
where
    F: Future<Output = ()> + Send + 'static,
{
    let runtime = tokio::runtime::Runtime::new().expect("could not start the tokio runtime");
    let (stop, mut stopped) = tokio::sync::mpsc::unbounded_channel();
    let finished = Arc::new(AtomicUsize::new(0));
    for job in jobs {
        let (stop, finished) = (stop.clone(), finished.clone());
        runtime.spawn(async move {
            job.await;
            let place = finished.fetch_add(1, Ordering::SeqCst);
            let _ = stop.send(place);
        });
    }
    drop(stop);
    let first = runtime.block_on(stopped.recv());
    drop(runtime);
    first
}
