//! Wrong answer: starts a runtime of its own and spawns the jobs there.
//!
//! Why a student writes it: a new `Runtime` is how the earlier chapters
//! ran async code from `main`. The jobs then run on the new runtime's
//! worker threads, not on the runtime the caller was handed, whose thread
//! (and whatever else that runtime owns) they were meant to share.

use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub fn run_on(_handle: &tokio::runtime::Handle, jobs: Vec<Job>) -> Vec<u32> {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let handles: Vec<_> = jobs.into_iter().map(|job| runtime.spawn(job)).collect();
    runtime.block_on(async {
        let mut values = Vec::new();
        for handle in handles {
            values.push(handle.await.unwrap());
        }
        values
    })
}
