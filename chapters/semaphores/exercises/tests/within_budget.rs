//! Checks for `within_budget`. Jobs of sizes 4, 3, 3, 6, 5, 2, 12 and 1
//! (12 is over the budget of 10), each taking 100 to 200 ms and returning a
//! value drawn for the run; they add up the sizes running at once. Then
//! three jobs of 6, which can only run one after another.
//! `run_within_budget` runs on tokio's current-thread runtime, with a
//! 5-second limit.

use exercise_support::{Runtime, block_on_within, random_values};
use semaphores_exercises::within_budget::{BUDGET, Job, TooBig, run_within_budget};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

#[derive(Default)]
struct InUse {
    now: AtomicU32,
    most: AtomicU32,
}

fn job(size: u32, ms: u64, value: u32, in_use: Arc<InUse>) -> Job {
    Job {
        size,
        work: Box::pin(async move {
            let now = in_use.now.fetch_add(size, Ordering::SeqCst) + size;
            in_use.most.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(ms)).await;
            in_use.now.fetch_sub(size, Ordering::SeqCst);
            value
        }),
    }
}

struct Run {
    results: Vec<Result<u32, TooBig>>,
    expected: Vec<Result<u32, TooBig>>,
    most_in_use: u32,
    took: Duration,
}

fn run(plan: &[(u32, u64)]) -> Run {
    let values = random_values(plan.len());
    let in_use = Arc::new(InUse::default());
    let jobs: Vec<Job> = plan
        .iter()
        .zip(&values)
        .map(|(&(size, ms), &value)| job(size, ms, value, in_use.clone()))
        .collect();
    let expected = plan
        .iter()
        .zip(&values)
        .map(|(&(size, _), &value)| {
            if size > BUDGET {
                Err(TooBig(size))
            } else {
                Ok(value)
            }
        })
        .collect();
    let started = Instant::now();
    let results = block_on_within(Runtime::Tokio, run_within_budget(jobs), Duration::from_secs(5))
        .unwrap_or_else(|e| {
            panic!(
                "run_within_budget: {e}. Does a job wait for permits it can never get? A job larger than the budget never fits (answer TooBig), and jobs that take their permits one at a time can each hold part of the budget and wait for each other: take all of a job's permits at once"
            )
        });
    Run {
        results,
        expected,
        most_in_use: in_use.most.load(Ordering::SeqCst),
        took: started.elapsed(),
    }
}

const MIXED: [(u32, u64); 8] = [
    (4, 200),
    (3, 100),
    (3, 150),
    (6, 100),
    (5, 200),
    (2, 100),
    (12, 100),
    (1, 150),
];

#[test]
fn every_job_gives_its_value_in_order_and_a_job_over_the_budget_is_refused() {
    let run = run(&MIXED);
    assert_eq!(
        run.results, run.expected,
        "each job's value in the order of the jobs, and TooBig(12) for the job of 12"
    );
}

#[test]
fn the_jobs_running_at_once_never_need_more_than_the_budget() {
    let run = run(&MIXED);
    assert!(
        run.most_in_use <= BUDGET,
        "jobs of sizes adding up to {} ran at once, over the budget of {BUDGET}: each job takes as many permits as its size",
        run.most_in_use
    );
}

#[test]
fn jobs_that_fit_together_run_together() {
    let run = run(&MIXED);
    // One at a time they take 1000 ms (the refused job never runs); as many
    // as fit in the budget, about 450 ms.
    assert!(
        run.took < Duration::from_millis(700),
        "the jobs took {:?}; one at a time they take 1000 ms, and as many as fit in the budget at once, about 450. Spawn every job, each waiting for its own permits",
        run.took
    );
    assert!(
        run.most_in_use >= 8,
        "at most {} of the budget was in use at once: run the jobs that fit together",
        run.most_in_use
    );
}

#[test]
fn a_job_of_exactly_the_budget_runs_alone() {
    let run = run(&[(BUDGET, 100), (1, 100)]);
    assert_eq!(
        run.results, run.expected,
        "a job of exactly {BUDGET} fits the budget: it runs (alone)"
    );
    assert!(
        run.most_in_use <= BUDGET,
        "{} of the budget in use at once",
        run.most_in_use
    );
}

#[test]
fn jobs_of_most_of_the_budget_run_one_after_another() {
    let run = run(&[(6, 100), (6, 100), (6, 100)]);
    assert_eq!(
        run.results, run.expected,
        "three jobs of 6 all run, one after another"
    );
    assert!(
        run.most_in_use <= BUDGET,
        "two jobs of 6 ran at once, over the budget of {BUDGET}"
    );
}
