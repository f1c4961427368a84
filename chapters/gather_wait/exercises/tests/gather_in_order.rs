//! Checks for `gather_in_order`.

use exercise_support::{Job, Timeline, block_on_within};
use gather_wait_exercises::gather_in_order::{RUNTIME, gather_in_order};
use std::time::Duration;

const JOBS: [Job; 4] = [
    Job::new("a", 300, 30),
    Job::new("b", 100, 10),
    Job::new("c", 200, 20),
    Job::new("d", 100, 11),
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
        [30, 10, 20, 11],
        "the values must be in the order of the jobs (a, b, c, d), not the order they finished in"
    );
}

#[test]
fn the_jobs_run_at_the_same_time() {
    let (_, tl) = run();
    let took = tl.elapsed();
    // Concurrent: about the longest job (300 ms), not the sum (700 ms).
    assert!(
        took < Duration::from_millis(500),
        "gathering took {took:?}: the jobs ran one after another (the longest is 300 ms, the sum 700 ms)"
    );
    let late = tl.time_of("d", "start").unwrap_or_default();
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
        4,
        "not every job ran to the end: {:?}",
        tl.events()
    );
}
