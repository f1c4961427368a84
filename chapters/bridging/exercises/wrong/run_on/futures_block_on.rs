//! Wrong answer: `futures::executor::block_on` on the jobs; no handle used.
//!
//! Why a student writes it: `futures::executor::block_on` runs any future,
//! and it works for async-std's and smol's timers. It is no tokio runtime,
//! though: tokio's timer finds no tokio context and panics.

use std::future::Future;
use std::pin::Pin;

pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub fn run_on(_handle: &tokio::runtime::Handle, jobs: Vec<Job>) -> Vec<u32> {
    futures::executor::block_on(futures::future::join_all(jobs))
}
