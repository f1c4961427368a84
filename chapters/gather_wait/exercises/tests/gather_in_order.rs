//! Checks for `gather_in_order`.

use exercise_support::{Job, Timeline, block_on_within, random_values};
use gather_wait_exercises::gather_in_order::{RUNTIME, gather_in_order};
use std::time::Duration;

/// The jobs' names and delays. They finish in another order than they are
/// given (b, d, f, c, e, a), and one after another they would take 1100 ms,
/// run together 300 ms.
const JOBS: [(&str, u64); 6] = [
    ("a", 300),
    ("b", 100),
    ("c", 200),
    ("d", 100),
    ("e", 250),
    ("f", 150),
];

/// How long after the last job finishes the function may take to return:
/// handing back values takes microseconds, the rest is room for a busy
/// machine.
const RETURN_WITHIN: Duration = Duration::from_millis(100);

/// One run of the exercise.
struct Run {
    /// The values the jobs were given, drawn for this run, in their order.
    given: Vec<u32>,
    returned: Vec<u32>,
    /// When `gather_in_order` returned.
    returned_at: Duration,
    timeline: Timeline,
}

/// Runs the exercise once, with every delay of [`JOBS`] times `scale`.
fn run_scaled(scale: u64) -> Run {
    let given = random_values(JOBS.len());
    let jobs = JOBS
        .iter()
        .zip(&given)
        .map(|(&(name, delay_ms), &value)| Job::new(name, delay_ms * scale, value))
        .collect();
    let timeline = Timeline::new();
    let future = {
        let tl = timeline.clone();
        async move {
            let returned = gather_in_order(tl.clone(), jobs).await;
            (returned, tl.elapsed())
        }
    };
    let (returned, returned_at) = block_on_within(RUNTIME, future, Duration::from_secs(5))
        .unwrap_or_else(|e| panic!("gather_in_order never returned: {e}"));
    Run {
        given,
        returned,
        returned_at,
        timeline,
    }
}

fn run() -> Run {
    run_scaled(1)
}

#[test]
fn values_come_back_in_the_order_the_jobs_were_given() {
    let Run {
        given, returned, ..
    } = run();
    assert_eq!(
        returned, given,
        "the values must be those of the jobs a, b, c, d, e, f, in that order, not the order \
         they finished in (each job's value is drawn anew for every run: only `job.run(...)` \
         gives it)"
    );
}

#[test]
fn the_jobs_run_at_the_same_time() {
    let Run { timeline: tl, .. } = run();
    let took = tl.elapsed();
    // Concurrent: about the longest job (300 ms), not the sum (1100 ms). The
    // bound is twice the longest, so a busy machine still passes.
    assert!(
        took < Duration::from_millis(600),
        "gathering took {took:?}: the jobs ran one after another (the longest is 300 ms, the sum 1100 ms)"
    );
    for (name, _) in JOBS {
        let Some(started) = tl.time_of(name, "start") else {
            panic!("the job `{name}` never started: {:?}", tl.events());
        };
        assert!(
            started < Duration::from_millis(100),
            "the job `{name}` started only after {started:?}: start them all first, then wait"
        );
    }
}

#[test]
fn every_job_finishes() {
    let Run { timeline: tl, .. } = run();
    assert_eq!(
        tl.tasks_with("done").len(),
        JOBS.len(),
        "not every job ran to the end: {:?}",
        tl.events()
    );
}

/// Once with the delays of [`JOBS`], once with twice those: a fixed sleep
/// long enough for the slow run comes hundreds of milliseconds late in the
/// fast one, and one right for the fast run ends before the slow run's jobs.
#[test]
fn it_returns_as_soon_as_the_last_job_finishes() {
    for scale in [1, 2] {
        let Run {
            returned_at,
            timeline: tl,
            ..
        } = run_scaled(scale);
        let Some(last_done) = tl
            .events()
            .iter()
            .filter(|e| e.event == "done")
            .map(|e| e.at)
            .max()
        else {
            panic!("no job finished: {:?}", tl.events());
        };
        let waited = returned_at.saturating_sub(last_done);
        assert!(
            waited <= RETURN_WITHIN,
            "with every delay times {scale}, it returned {waited:?} after the last job finished \
             (at {last_done:?}): await the jobs themselves, not a sleep meant to be long enough"
        );
    }
}
