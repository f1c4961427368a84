//! Wrong answer: the jobs in batches of `workers`, a thread each, waiting
//! for the whole batch before starting the next.
//!
//! Why a student writes it: `chunks(workers)` is the shortest way to say
//! "`workers` at a time", the values stay in order, and when every job
//! takes as long as the others it is as fast as a pool. But each batch
//! waits for its slowest job while the other threads stand idle.

use exercise_support::threads::BlockingJob;

pub fn map_on_pool(jobs: Vec<BlockingJob>, workers: usize) -> Vec<u32> {
    let mut jobs = jobs.into_iter().peekable();
    let mut values = Vec::new();
    while jobs.peek().is_some() {
        let batch: Vec<BlockingJob> = jobs.by_ref().take(workers).collect();
        std::thread::scope(|scope| {
            let threads: Vec<_> = batch
                .into_iter()
                .map(|job| scope.spawn(move || job.run()))
                .collect();
            values.extend(threads.into_iter().map(|t| t.join().unwrap()));
        });
    }
    values
}
