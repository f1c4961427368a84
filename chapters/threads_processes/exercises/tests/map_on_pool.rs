//! Checks for `map_on_pool`.
//!
//! The jobs sleep (they do not compute), so how many run at once, and how
//! long a batch takes, depend on the pool, not on the machine's cores.

use exercise_support::threads::blocking_jobs;
use std::time::{Duration, Instant};
use threads_processes_exercises::map_on_pool::map_on_pool;

/// Runs jobs with these delays on `workers` threads: the values it gave,
/// the values in the jobs' order, the most at once, and the time taken.
fn run(delays_ms: &[u64], workers: usize) -> (Vec<u32>, Vec<u32>, usize, Duration) {
    let (jobs, values, tally) = blocking_jobs(delays_ms);
    let started = Instant::now();
    let got = map_on_pool(jobs, workers);
    (got, values, tally.most_at_once(), started.elapsed())
}

#[test]
fn values_come_back_in_the_order_of_the_jobs() {
    // The first job is the slowest: in the order they finish, it would be last.
    let (got, values, _, _) = run(&[300, 50, 150, 50, 100], 2);
    assert_eq!(
        got, values,
        "the values must be in the order of the jobs, whatever order they finish in"
    );
}

#[test]
fn never_more_than_workers_at_once_and_no_fewer() {
    for workers in [1, 2, 3] {
        let (_, _, most, _) = run(&[60; 7], workers);
        assert!(
            most <= workers,
            "{most} jobs ran at once on a pool of {workers}: the pool's size is the limit"
        );
        assert_eq!(
            most, workers,
            "at most {most} jobs ran at once, with {workers} threads and 7 jobs to do: \
             each thread must take a job while the others run theirs"
        );
    }
}

#[test]
fn a_free_thread_takes_the_next_job_at_once() {
    // Two threads: one takes the 400 ms job, the other the four of 100 ms,
    // one after another: 400 ms in all. Batches of two would take 600 ms.
    let (got, values, _, took) = run(&[400, 100, 100, 100, 100], 2);
    assert_eq!(got, values);
    assert!(
        took >= Duration::from_millis(400),
        "took {took:?}: the slowest job alone takes 400 ms"
    );
    assert!(
        took < Duration::from_millis(550),
        "took {took:?}; a thread that is free should take the next job at once \
         (about 400 ms here): waiting for a whole batch takes 600 ms"
    );
}

#[test]
fn no_jobs_give_no_values() {
    let (got, _, most, _) = run(&[], 3);
    assert!(got.is_empty());
    assert_eq!(most, 0);
}
