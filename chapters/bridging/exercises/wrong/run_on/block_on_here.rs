//! Wrong answer: runs the jobs with `handle.block_on`, all at once.
//!
//! Why a student writes it: `Handle::block_on` is the first bridge from a
//! plain thread to async code, and with `join_all` the jobs even overlap.
//! But `block_on` polls the future on the thread that calls it: the jobs
//! run on the caller's thread, with the runtime's timer, not on the runtime.
//! Python's `run_coroutine_threadsafe` runs them on the loop's thread.

use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub fn run_on(handle: &tokio::runtime::Handle, jobs: Vec<Job>) -> Vec<u32> {
    handle.block_on(futures::future::join_all(jobs))
}
