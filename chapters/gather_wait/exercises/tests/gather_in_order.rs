//! Checks for `gather_in_order`.

use exercise_support::{Job, Timeline, block_on_within};
use gather_wait_exercises::gather_in_order::{RUNTIME, gather_in_order};
use std::time::Duration;

/// They finish in another order than they are given (b, d, f, c, e, a), and
/// one after another they would take 1100 ms, run together 300 ms.
const JOBS: [Job; 6] = [
    Job::new("a", 300, 30),
    Job::new("b", 100, 10),
    Job::new("c", 200, 20),
    Job::new("d", 100, 11),
    Job::new("e", 250, 25),
    Job::new("f", 150, 15),
];

fn run() -> (Vec<u32>, Timeline) {
    let tl = Timeline::new();
    let future = gather_in_order(tl.clone(), JOBS.to_vec());
    let values = block_on_within(RUNTIME, future, Duration::from_secs(5))
        .unwrap_or_else(|e| panic!("gather_in_order never returned: {e}"));
    (values, tl)
}

#[test]
fn values_come_back_in_the_order_the_jobs_were_given() {
    let (values, _) = run();
    assert_eq!(
        values,
        [30, 10, 20, 11, 25, 15],
        "the values must be in the order of the jobs (a, b, c, d, e, f), not the order they finished in"
    );
}

#[test]
fn the_jobs_run_at_the_same_time() {
    let (_, tl) = run();
    let took = tl.elapsed();
    // Concurrent: about the longest job (300 ms), not the sum (1100 ms). The
    // bound is twice the longest, so a busy machine still passes.
    assert!(
        took < Duration::from_millis(600),
        "gathering took {took:?}: the jobs ran one after another (the longest is 300 ms, the sum 1100 ms)"
    );
    let late = tl.time_of("f", "start").unwrap_or_default();
    assert!(
        late < Duration::from_millis(100),
        "the last job started only after {late:?}: start them all first"
    );
}

#[test]
fn every_job_finishes() {
    let (_, tl) = run();
    assert_eq!(
        tl.tasks_with("done").len(),
        JOBS.len(),
        "not every job ran to the end: {:?}",
        tl.events()
    );
}
