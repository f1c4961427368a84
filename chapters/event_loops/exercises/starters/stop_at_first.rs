// Exercise `stop_at_first`: replace the `todo` below with your code, then run
// `cargo exercise check stop_at_first`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

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
    todo!("spawn the jobs on a runtime of your own; stop it when the first is done")
}
