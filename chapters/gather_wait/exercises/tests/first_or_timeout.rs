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

/// How long after the race is decided each loser may still be running: the
/// cancellation itself takes microseconds, the rest is room for a busy machine.
const CANCEL_WITHIN: Duration = Duration::from_millis(100);

#[test]
fn every_job_starts() {
    for timeout_ms in [1000, 50] {
        let (_, tl, _) = run(timeout_ms);
        let started = tl.tasks_with("start");
        for job in JOBS {
            assert!(
                started.iter().any(|name| name == job.name),
                "the job `{}` never started (with a {timeout_ms} ms timeout): start every job and \
                 race them, you cannot know in advance which one finishes first",
                job.name
            );
        }
    }
}

#[test]
fn each_loser_is_cancelled_when_the_race_is_decided() {
    // The winner finishes at about 100 ms; with a 50 ms timeout the timer wins.
    for (timeout_ms, decided) in [(1000, "fast"), (50, "the timeout")] {
        let (_, tl, _) = run(timeout_ms);
        let at = if timeout_ms == 50 {
            Duration::from_millis(50)
        } else {
            match tl.time_of("fast", "done") {
                Some(at) => at,
                None => panic!("the job `fast` never finished: {:?}", tl.events()),
            }
        };
        let losers = JOBS
            .iter()
            .filter(|job| timeout_ms == 50 || job.name != "fast");
        for job in losers {
            let Some(cancelled) = tl.time_of(job.name, "cancelled") else {
                let fate = match (tl.time_of(job.name, "start"), tl.time_of(job.name, "done")) {
                    (None, _) => "it never even started".to_string(),
                    (Some(_), Some(done)) => format!("it ran to the end at {done:?}"),
                    (Some(_), None) => "it was still running".to_string(),
                };
                panic!(
                    "the job `{}` was never cancelled after {decided} won at {at:?}: {fate}. \
                     Drop its future, or abort its task (dropping a tokio or async-std \
                     JoinHandle only detaches it)",
                    job.name
                );
            };
            assert!(
                cancelled >= at && cancelled <= at + CANCEL_WITHIN,
                "the job `{}` was cancelled at {cancelled:?}, but {decided} won at {at:?}: cancel \
                 the others as soon as the race is decided",
                job.name
            );
        }
    }
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
