//! Wrong answer: a thread for every job, all at once.
//!
//! Why a student writes it: it is the fastest, and `thread::scope` makes it
//! short. But it ignores `workers`: a thousand jobs would start a thousand
//! threads (and open a thousand files, or connections, at once). A pool's
//! size is a limit the caller chose.

use exercise_support::threads::BlockingJob;

pub fn map_on_pool(jobs: Vec<BlockingJob>, _workers: usize) -> Vec<u32> {
    std::thread::scope(|scope| {
        let threads: Vec<_> = jobs
            .into_iter()
            .map(|job| scope.spawn(move || job.run()))
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    })
}
