// Exercise `map_on_pool`: replace the `todo` below with your code, then run
// `cargo exercise check map_on_pool`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! Map on a pool: run every job on a pool of `workers` threads, never more
//! than `workers` at once, a free thread taking the next job at once, and
//! return the values in the order of the jobs: Python's
//! `ThreadPoolExecutor(max_workers=workers).map(run, jobs)`.
//!
//! The jobs block (`BlockingJob::run` sleeps its thread), and take
//! different times. Tools: `futures::executor::ThreadPool`,
//! `SpawnExt::spawn_with_handle`, `futures::future::join_all`,
//! `futures::executor::block_on`; or `std::thread` and a channel.

use exercise_support::threads::BlockingJob;

/// The values of `jobs`, in the order of `jobs`, each run on one of at most
/// `workers` threads.
pub fn map_on_pool(jobs: Vec<BlockingJob>, workers: usize) -> Vec<u32> {
    todo!("run the jobs on at most `workers` threads; values in the order of `jobs`")
}
