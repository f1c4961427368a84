//! Wrong answer: a pool of `workers` threads that each nap 30 ms after a
//! job before taking the next one.
//!
//! Why a student writes it: "so as not to spin" on the queue. But the
//! queue holds every job from the start: a free thread should take the next
//! one at once, and the naps add up (here 30 ms for each job a thread does).
use exercise_support::threads::BlockingJob;
use std::sync::Mutex;
use std::time::Duration;

pub fn map_on_pool(jobs: Vec<BlockingJob>, workers: usize) -> Vec<u32> {
    let n = jobs.len();
    let queue = Mutex::new(jobs.into_iter().enumerate());
    let values = Mutex::new(vec![0; n]);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let next = queue.lock().unwrap().next();
                let Some((i, job)) = next else { break };
                let v = job.run();
                values.lock().unwrap()[i] = v;
                std::thread::sleep(Duration::from_millis(30));
            });
        }
    });
    values.into_inner().unwrap()
}
