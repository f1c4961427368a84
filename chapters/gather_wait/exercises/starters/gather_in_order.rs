// Exercise `gather_in_order`: replace the `todo` below with your code, then run
// `cargo exercise check gather_in_order`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! Gather in order: start every job at once, then return their values in the
//! order the jobs were given (like `asyncio.gather`).
//!
//! Use the runtime you like: spawn with `tokio::spawn`, `async_std::task::spawn`
//! or `smol::spawn`, or poll the futures together with
//! `futures::future::join_all`. Set `RUNTIME` to match.
//!
//! A job's delay and value are private, and the checks draw new values for
//! every run: the only way to a job's value is to await `job.run(...)`.

use exercise_support::{Job, Runtime, Timeline, unless_cancelled};

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Tokio;

/// Runs every job (`job.run(timeline.clone())`) concurrently and returns
/// their values in the order of `jobs`.
pub async fn gather_in_order(timeline: Timeline, jobs: Vec<Job>) -> Vec<u32> {
    todo!("start every job, then collect their values in order")
}
