//! Checks for `fan_out`, on tokio's current-thread runtime, within a time
//! limit (a worker that never learns the queue is closed fails the check
//! instead of hanging it). The jobs take 100 ms each, return values drawn
//! for the run, and count how many run at once.

use exercise_support::{Runtime, block_on_within, random_values};
use queues_exercises::fan_out::{Job, fan_out};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const TAKES: Duration = Duration::from_millis(100);

#[derive(Default)]
struct Running {
    now: AtomicUsize,
    most: AtomicUsize,
}

fn job(value: u32, running: Arc<Running>) -> Job {
    timed_job(value, TAKES, running)
}

fn timed_job(value: u32, takes: Duration, running: Arc<Running>) -> Job {
    Box::pin(async move {
        let now = running.now.fetch_add(1, Ordering::SeqCst) + 1;
        running.most.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(takes).await;
        running.now.fetch_sub(1, Ordering::SeqCst);
        value
    })
}

fn run(jobs: usize, workers: usize) -> (Vec<u32>, Vec<u32>, usize, Duration) {
    let values = random_values(jobs);
    let running = Arc::new(Running::default());
    let work: Vec<Job> = values.iter().map(|&v| job(v, running.clone())).collect();
    let started = Instant::now();
    let results = block_on_within(
        Runtime::Tokio,
        fan_out(work, workers),
        Duration::from_secs(5),
    )
    .unwrap_or_else(|e| {
        panic!(
            "{jobs} jobs on {workers} workers: {e} (do the workers learn that the queue is closed?)"
        )
    });
    (
        values,
        results,
        running.most.load(Ordering::SeqCst),
        started.elapsed(),
    )
}

#[test]
fn every_result_comes_back_in_the_order_of_the_jobs() {
    let (values, results, _, _) = run(9, 3);
    assert_eq!(
        results, values,
        "each job's result, in the order of the jobs"
    );
    // Later jobs quicker than earlier ones: they finish first, and their
    // results must still come back in their places.
    let values = random_values(6);
    let running = Arc::new(Running::default());
    let work: Vec<Job> = (0..6)
        .map(|i| {
            timed_job(
                values[i],
                Duration::from_millis(300 - 40 * i as u64),
                running.clone(),
            )
        })
        .collect();
    let results = block_on_within(Runtime::Tokio, fan_out(work, 3), Duration::from_secs(5))
        .unwrap_or_else(|e| panic!("6 jobs on 3 workers: {e}"));
    assert_eq!(
        results, values,
        "jobs that finish in another order than they were given: results in the order of the jobs"
    );
}

#[test]
fn at_most_as_many_jobs_run_at_once_as_there_are_workers_and_that_many_do() {
    for workers in [2, 4] {
        let jobs = 3 * workers;
        let (_, _, most, took) = run(jobs, workers);
        assert_eq!(
            most, workers,
            "{jobs} jobs on {workers} workers: {most} ran at once"
        );
        // Three rounds of 100 ms; one at a time would take 3 * workers rounds.
        assert!(
            took < TAKES * 3 + Duration::from_millis(150),
            "{jobs} jobs of 100 ms on {workers} workers took {took:?}: about 300 ms expected"
        );
    }
}

#[test]
fn no_jobs_no_wait() {
    let (_, results, _, took) = run(0, 3);
    assert!(results.is_empty());
    assert!(took < Duration::from_millis(100), "no jobs took {took:?}");
}
