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
    // BEGIN SOLUTION
    use futures::executor::{ThreadPool, block_on};
    use futures::future::join_all;
    use futures::task::SpawnExt;
    let pool = ThreadPool::builder()
        .pool_size(workers)
        .create()
        .expect("the system let us start threads");
    // Submit them all: each handle is a future of one job's value.
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            pool.spawn_with_handle(async move { job.run() })
                .expect("the pool is running")
        })
        .collect();
    // Wait for all; join_all keeps the order of the handles.
    block_on(join_all(handles))
    // END SOLUTION
    // STARTER todo!("run the jobs on at most `workers` threads; values in the order of `jobs`")
}
