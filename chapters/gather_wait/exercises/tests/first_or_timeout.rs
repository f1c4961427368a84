//! Checks for `first_or_timeout`.

use exercise_support::{Job, Timeline, block_on_within, random_values, sleep};
use gather_wait_exercises::first_or_timeout::{RUNTIME, first_or_timeout};
use std::time::Duration;

/// The jobs' delays. Each run gives them to the names in [`NAMES`] in a
/// turned order (and each job a value drawn for the run), so the winner is
/// not the same job every time: only racing them finds it.
const DELAYS_MS: [u64; 3] = [400, 100, 250];
const NAMES: [&str; 3] = ["a", "b", "c"];

/// How long after the race is decided the function may take to return, and
/// each loser may still be running: the cancellation itself takes
/// microseconds, the rest is room for a busy machine.
const WITHIN: Duration = Duration::from_millis(100);

/// One job as the checks know it.
#[derive(Clone, Copy)]
struct Planned {
    name: &'static str,
    delay: Duration,
    value: u32,
}

/// One run of the exercise.
struct Run {
    jobs: Vec<Planned>,
    returned: Option<u32>,
    /// When `first_or_timeout` returned.
    returned_at: Duration,
    timeline: Timeline,
}

impl Run {
    /// The job with the shortest delay, which must win when the timeout is long.
    fn fastest(&self) -> Planned {
        *self.jobs.iter().min_by_key(|job| job.delay).unwrap()
    }

    fn value_of(&self, name: &str) -> u32 {
        self.jobs.iter().find(|job| job.name == name).unwrap().value
    }
}

/// Runs the exercise, then waits long enough that a job that was not really
/// cancelled would finish.
fn run(timeout_ms: u64) -> Run {
    let values = random_values(NAMES.len());
    let turn = values[0] as usize % DELAYS_MS.len();
    let mut delays = DELAYS_MS;
    delays.rotate_left(turn);
    let jobs: Vec<Planned> = (0..NAMES.len())
        .map(|i| Planned {
            name: NAMES[i],
            delay: Duration::from_millis(delays[i]),
            value: values[i],
        })
        .collect();
    let given = jobs
        .iter()
        .map(|job| Job::new(job.name, job.delay.as_millis() as u64, job.value))
        .collect();
    let timeline = Timeline::new();
    let future = {
        let tl = timeline.clone();
        async move {
            let returned =
                first_or_timeout(tl.clone(), given, Duration::from_millis(timeout_ms)).await;
            let returned_at = tl.elapsed();
            sleep(Duration::from_millis(500)).await;
            (returned, returned_at)
        }
    };
    let (returned, returned_at) = block_on_within(RUNTIME, future, Duration::from_secs(5))
        .unwrap_or_else(|e| panic!("first_or_timeout never returned: {e}"));
    Run {
        jobs,
        returned,
        returned_at,
        timeline,
    }
}

#[test]
fn the_first_job_to_finish_wins() {
    let run = run(1000);
    let tl = &run.timeline;
    let Some(winner) = tl.tasks_with("done").into_iter().next() else {
        panic!(
            "no job finished, with a 1000 ms timeout (the jobs take 100 to 400 ms): {:?}",
            tl.events()
        );
    };
    let fastest = run.fastest();
    assert_eq!(
        winner, fastest.name,
        "the job `{}` takes {:?}, the others longer, yet `{winner}` finished first: start every \
         job at once",
        fastest.name, fastest.delay
    );
    assert_eq!(
        run.returned,
        Some(run.value_of(&winner)),
        "the job `{winner}` finished first, with the value {} (drawn for this run: only \
         `job.run(...)` gives it); return that",
        run.value_of(&winner)
    );
    let done = tl.time_of(&winner, "done").unwrap();
    let waited = run.returned_at.saturating_sub(done);
    assert!(
        waited <= WITHIN,
        "it returned {waited:?} after the job `{winner}` finished (at {done:?}): return as soon \
         as the first job finishes"
    );
}

#[test]
fn nothing_comes_back_when_the_time_runs_out_first() {
    let timeout = Duration::from_millis(50);
    let run = run(timeout.as_millis() as u64);
    assert_eq!(
        run.returned, None,
        "with a 50 ms timeout no job can finish (the fastest takes 100 ms)"
    );
    assert!(
        run.returned_at >= timeout && run.returned_at <= timeout + WITHIN,
        "it returned after {:?}; the timeout was {timeout:?}",
        run.returned_at
    );
}

#[test]
fn every_job_starts() {
    for timeout_ms in [1000, 50] {
        let run = run(timeout_ms);
        let started = run.timeline.tasks_with("start");
        for job in &run.jobs {
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
    for timeout_ms in [1000, 50] {
        let run = run(timeout_ms);
        let tl = &run.timeline;
        let fastest = run.fastest();
        let (decided, at) = if timeout_ms == 50 {
            ("the timeout".to_string(), Duration::from_millis(50))
        } else {
            match tl.time_of(fastest.name, "done") {
                Some(at) => (format!("`{}`", fastest.name), at),
                None => panic!(
                    "the job `{}` never finished: {:?}",
                    fastest.name,
                    tl.events()
                ),
            }
        };
        let losers = run
            .jobs
            .iter()
            .filter(|job| timeout_ms == 50 || job.name != fastest.name);
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
                cancelled >= at && cancelled <= at + WITHIN,
                "the job `{}` was cancelled at {cancelled:?}, but {decided} won at {at:?}: cancel \
                 the others as soon as the race is decided",
                job.name
            );
        }
    }
}

#[test]
fn the_losers_are_cancelled_and_never_finish() {
    let run_long = run(1000);
    let done = run_long.timeline.tasks_with("done");
    let fastest = run_long.fastest().name;
    assert_eq!(
        done,
        [fastest],
        "only `{fastest}` may finish; these finished too: {done:?} (drop or cancel the others)"
    );
    let run_short = run(50);
    assert!(
        run_short.timeline.tasks_with("done").is_empty(),
        "after the timeout, jobs still finished: {:?}",
        run_short.timeline.tasks_with("done")
    );
}
