//! Wrong answer: `workers` threads take jobs from a shared queue and send
//! each value on a channel; the values are collected as they arrive.
//!
//! Why a student writes it: the pool part is right (a free thread takes
//! the next job at once, never more than `workers` at a time), and a
//! channel is the usual way to get values back from threads. But a channel
//! gives them in the order the jobs finish (Python's `as_completed`), not
//! in the order of the jobs (`map`).

use exercise_support::threads::BlockingJob;
use std::sync::{Mutex, mpsc};

pub fn map_on_pool(jobs: Vec<BlockingJob>, workers: usize) -> Vec<u32> {
    let queue = Mutex::new(jobs.into_iter());
    let (send, values) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (queue, send) = (&queue, send.clone());
            scope.spawn(move || {
                loop {
                    let next = queue.lock().unwrap().next();
                    let Some(job) = next else { break };
                    send.send(job.run()).unwrap();
                }
            });
        }
    });
    drop(send);
    values.iter().collect()
}
