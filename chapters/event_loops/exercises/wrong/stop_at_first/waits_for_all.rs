//! Wrong answer: waits for every job, then reports the one that ended first.
//!
//! Why a student writes it: it is `gather`, which they know, and the index
//! it returns is right. But the loop only stops when the slowest job is
//! done, long after the first one said stop.

use std::future::Future;
use std::sync::{Arc, Mutex};

pub fn run_until_first<F>(jobs: Vec<F>) -> Option<usize>
where
    F: Future<Output = ()> + Send + 'static,
{
    let runtime = tokio::runtime::Runtime::new().expect("could not start the tokio runtime");
    let order = Arc::new(Mutex::new(Vec::new()));
    let handles: Vec<_> = jobs
        .into_iter()
        .enumerate()
        .map(|(i, job)| {
            let order = order.clone();
            runtime.spawn(async move {
                job.await;
                order.lock().unwrap().push(i);
            })
        })
        .collect();
    runtime.block_on(async {
        for handle in handles {
            handle.await.unwrap();
        }
    });
    order.lock().unwrap().first().copied()
}
