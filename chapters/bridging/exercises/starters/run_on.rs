// Exercise `run_on`: replace the `todo` below with your code, then run
// `cargo exercise check run_on`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! `asyncio.run_coroutine_threadsafe` on tokio: a runtime runs on a thread
//! of its own (the checker's `loop-thread`); a plain thread hands it jobs
//! and waits for every answer.
//!
//! The checker's jobs wait on tokio's timer for 100 to 300 ms, return
//! values drawn for the run, and note the thread each of their polls runs on.

use std::future::Future;
use std::pin::Pin;

/// A job to run on the runtime.
pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

/// Called from a plain thread, never from async code. Runs every job as a
/// task on the runtime behind `handle`, all at the same time, and returns
/// their values in the order of `jobs`.
pub fn run_on(handle: &tokio::runtime::Handle, jobs: Vec<Job>) -> Vec<u32> {
    todo!("spawn every job on the runtime through `handle`, then wait here for each answer")
}
