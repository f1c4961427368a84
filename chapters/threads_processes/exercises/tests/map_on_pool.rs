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

/// Two threads, one job of 400 ms among six of 100 ms, the long one third.
/// A thread that is free takes the next job at once: 500 ms in all (one
/// thread: 100 then 400; the other: five of 100). Any plan fixed in
/// advance, or a pause between jobs, takes longer: see the test below.
const UNEVEN: [u64; 7] = [100, 100, 400, 100, 100, 100, 100];
const POOL_TAKES: Duration = Duration::from_millis(500);
const LIMIT: Duration = Duration::from_millis(560);

#[test]
fn a_free_thread_takes_the_next_job_at_once() {
    let (got, values, most, took) = run(&UNEVEN, 2);
    assert_eq!(got, values, "the values must be in the order of the jobs");
    assert_eq!(most, 2);
    assert!(
        took >= POOL_TAKES,
        "took {took:?}: a pool of 2 cannot beat 500 ms here"
    );
    assert!(
        took < LIMIT,
        "took {took:?}; a thread that is free should take the next job at once \
         (500 ms here): halves take 600 ms, batches of 2 and every-other-job 700 ms"
    );
}

/// The margin of the test above: the plans a student might fix in advance
/// all take at least 600 ms with these delays.
#[test]
fn fixed_plans_take_longer_than_the_limit() {
    let longest = |lanes: Vec<Vec<u64>>| lanes.iter().map(|l| l.iter().sum::<u64>()).max().unwrap();
    let batches: u64 = UNEVEN.chunks(2).map(|b| *b.iter().max().unwrap()).sum();
    let halves = longest(vec![UNEVEN[..3].to_vec(), UNEVEN[3..].to_vec()]);
    let every_other = longest(vec![
        UNEVEN.iter().step_by(2).copied().collect(),
        UNEVEN.iter().skip(1).step_by(2).copied().collect(),
    ]);
    for (plan, ms) in [
        ("batches", batches),
        ("halves", halves),
        ("every other", every_other),
    ] {
        assert!(
            Duration::from_millis(ms) > LIMIT + Duration::from_millis(30),
            "{plan}: {ms} ms"
        );
    }
}

#[test]
fn no_jobs_give_no_values() {
    let (got, _, most, _) = run(&[], 3);
    assert!(got.is_empty());
    assert_eq!(most, 0);
}
