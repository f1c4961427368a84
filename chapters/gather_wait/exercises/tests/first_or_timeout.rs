//! Checks for `first_or_timeout`.

use exercise_support::{Job, Timeline, block_on_within, sleep};
use gather_wait_exercises::first_or_timeout::{RUNTIME, first_or_timeout};
use std::time::Duration;

const JOBS: [Job; 3] = [
    Job::new("slow", 400, 4),
    Job::new("fast", 100, 1),
    Job::new("middle", 250, 2),
];

/// Runs the exercise, then waits long enough that a job that was not really
/// cancelled would finish.
fn run(timeout_ms: u64) -> (Option<u32>, Timeline, Duration) {
    let tl = Timeline::new();
    let future = {
        let tl = tl.clone();
        async move {
            let value =
                first_or_timeout(tl.clone(), JOBS.to_vec(), Duration::from_millis(timeout_ms))
                    .await;
            let returned = tl.elapsed();
            sleep(Duration::from_millis(500)).await;
            (value, returned)
        }
    };
    let (value, returned) = block_on_within(RUNTIME, future, Duration::from_secs(5))
        .unwrap_or_else(|e| panic!("first_or_timeout never returned: {e}"));
    (value, tl, returned)
}

#[test]
fn the_fastest_job_wins() {
    let (value, _, returned) = run(1000);
    assert_eq!(
        value,
        Some(1),
        "the job called `fast` (value 1) finishes first"
    );
    assert!(
        returned < Duration::from_millis(220),
        "it returned after {returned:?}; the fastest job takes 100 ms"
    );
}

#[test]
fn nothing_comes_back_when_the_time_runs_out_first() {
    let (value, _, returned) = run(50);
    assert_eq!(
        value, None,
        "with a 50 ms timeout no job can finish (the fastest takes 100 ms)"
    );
    assert!(
        returned < Duration::from_millis(170),
        "it returned after {returned:?}; the timeout was 50 ms"
    );
}

#[test]
fn the_losers_are_cancelled_and_never_finish() {
    let (_, tl, _) = run(1000);
    let done = tl.tasks_with("done");
    assert_eq!(
        done,
        ["fast"],
        "only `fast` may finish; these finished too: {done:?} (drop or cancel the others)"
    );
    let (_, tl, _) = run(50);
    assert!(
        tl.tasks_with("done").is_empty(),
        "after the timeout, jobs still finished: {:?}",
        tl.tasks_with("done")
    );
}
