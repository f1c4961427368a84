//! Checks for `fan_out`, on tokio's current-thread runtime, within a time
//! limit (a worker that never learns the queue is closed fails the check
//! instead of hanging it). A feeder task sends numbered jobs, some only
//! later, then closes the queue. The jobs return values drawn for the run
//! and count how many run at once.

use exercise_support::{Runtime, block_on_within, random_values};
use queues_exercises::fan_out::{Job, fan_out};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

const TAKES: Duration = Duration::from_millis(100);

#[derive(Default)]
struct Running {
    now: AtomicUsize,
    most: AtomicUsize,
}

fn job(value: u32, takes: Duration, running: Arc<Running>) -> Job {
    Box::pin(async move {
        let now = running.now.fetch_add(1, Ordering::SeqCst) + 1;
        running.most.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(takes).await;
        running.now.fetch_sub(1, Ordering::SeqCst);
        value
    })
}

struct Run {
    values: Vec<u32>,
    results: Vec<u32>,
    most_at_once: usize,
    took: Duration,
}

/// Sends a job of each length in `takes`, in batches of `batch` with a
/// pause of `pause` between batches, to `fan_out` on `workers` workers.
fn run(takes: &[Duration], workers: usize, batch: usize, pause: Duration) -> Run {
    let values = random_values(takes.len());
    let running = Arc::new(Running::default());
    let jobs: Vec<Job> = values
        .iter()
        .zip(takes)
        .map(|(&v, &t)| job(v, t, running.clone()))
        .collect();
    let started = Instant::now();
    let results = block_on_within(
        Runtime::Tokio,
        async move {
            let (queue, receiver) = mpsc::channel(64);
            tokio::spawn(async move {
                for (number, job) in jobs.into_iter().enumerate() {
                    if number > 0 && number % batch == 0 {
                        tokio::time::sleep(pause).await;
                    }
                    let _ = queue.send((number, job)).await;
                }
                // dropped: the queue is closed
            });
            fan_out(receiver, workers).await
        },
        Duration::from_secs(5),
    )
    .unwrap_or_else(|e| {
        panic!(
            "{} jobs on {workers} workers: {e} (do the workers learn that the queue is closed?)",
            takes.len()
        )
    });
    Run {
        values,
        results,
        most_at_once: running.most.load(Ordering::SeqCst),
        took: started.elapsed(),
    }
}

#[test]
fn every_result_comes_back_in_the_place_of_its_job() {
    let run1 = run(&[TAKES; 9], 3, 9, Duration::ZERO);
    assert_eq!(
        run1.results, run1.values,
        "each job's result, in the order of the jobs"
    );
    // Later jobs quicker than earlier ones: they finish first, and their
    // results must still come back in their places.
    let takes: Vec<Duration> = (0..6)
        .map(|i| Duration::from_millis(300 - 40 * i))
        .collect();
    let run2 = run(&takes, 3, 6, Duration::ZERO);
    assert_eq!(
        run2.results, run2.values,
        "jobs that finish in another order than they were given: results in the order of the jobs"
    );
}

#[test]
fn jobs_that_arrive_later_are_run_too() {
    // Three batches of three, 150 ms apart: the queue is empty for a while
    // between batches, but not closed.
    let run = run(&[TAKES; 9], 3, 3, Duration::from_millis(150));
    assert_eq!(
        run.results.len(),
        9,
        "9 jobs were sent, some after a pause: a queue that is empty for now is not finished; wait for `recv` to say it is closed"
    );
    assert_eq!(run.results, run.values);
}

#[test]
fn at_most_as_many_jobs_run_at_once_as_there_are_workers_and_that_many_do() {
    for workers in [2, 4] {
        let jobs = 3 * workers;
        let run = run(&vec![TAKES; jobs], workers, jobs, Duration::ZERO);
        assert_eq!(
            run.most_at_once, workers,
            "{jobs} jobs on {workers} workers: {} ran at once",
            run.most_at_once
        );
        // Three rounds of 100 ms; one at a time would take 3 * workers rounds.
        assert!(
            run.took < TAKES * 3 + Duration::from_millis(150),
            "{jobs} jobs of 100 ms on {workers} workers took {:?}: about 300 ms expected",
            run.took
        );
    }
}

#[test]
fn a_long_job_does_not_hold_up_the_others() {
    // 400 ms, then four of 100 ms, on two workers: while one worker runs
    // the long job, the other runs the four short ones (400 ms in all).
    // Dealing the jobs out in turn, or in halves, takes 600 ms.
    let takes = [400, 100, 100, 100, 100].map(Duration::from_millis);
    let run = run(&takes, 2, 5, Duration::ZERO);
    assert_eq!(run.results, run.values);
    assert!(
        run.took < Duration::from_millis(550),
        "a job of 400 ms and four of 100 ms on two workers took {:?}: a worker that is free should take the next job, whichever it is (about 400 ms)",
        run.took
    );
}

#[test]
fn no_jobs_no_wait() {
    let run = run(&[], 3, 1, Duration::ZERO);
    assert!(run.results.is_empty());
    assert!(
        run.took < Duration::from_millis(100),
        "no jobs took {:?}",
        run.took
    );
}
