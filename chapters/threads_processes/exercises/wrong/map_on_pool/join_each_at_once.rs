//! Wrong answer: each thread is joined right after it is started.
//!
//! Why a student writes it: `spawn` then `join` is the first pair of calls
//! one learns, and in a loop it looks like "run each job on a thread". But
//! `join` waits for that thread before the loop starts the next one: the
//! jobs run one at a time, as slow as with no threads at all.

use exercise_support::threads::BlockingJob;

pub fn map_on_pool(jobs: Vec<BlockingJob>, _workers: usize) -> Vec<u32> {
    let mut values = Vec::new();
    for job in jobs {
        let thread = std::thread::spawn(move || job.run());
        values.push(thread.join().unwrap());
    }
    values
}
