//! Checks for `local_tasks`. The jobs wait 1, 2 and 3 units, given in an
//! order drawn each run (never the order they finish in), share an `Rc`,
//! and note the thread they ran on.

use exercise_support::random_values;
use std::rc::Rc;
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};
use tasks_exercises::local_tasks::{LocalJob, run_local};

const UNIT: Duration = Duration::from_millis(100);
const JOBS: [(&str, u32); 3] = [("one", 1), ("two", 2), ("three", 3)];
/// The orders the jobs are given in: every order but the one they finish in.
const GIVEN: [[usize; 3]; 5] = [[2, 0, 1], [1, 2, 0], [2, 1, 0], [1, 0, 2], [0, 2, 1]];

struct Run {
    given: Vec<&'static str>,
    returned: Vec<&'static str>,
    took: Duration,
    threads: Vec<ThreadId>,
}

fn run() -> Run {
    let order = GIVEN[random_values(1)[0] as usize % GIVEN.len()];
    let jobs: Vec<_> = order.iter().map(|&i| JOBS[i]).collect();
    let shared = Rc::new(std::cell::RefCell::new(Vec::new())); // not Send
    let boxed: Vec<LocalJob> = jobs
        .iter()
        .map(|&(name, units)| {
            let shared = shared.clone();
            Box::pin(async move {
                smol::Timer::after(UNIT * units).await;
                shared.borrow_mut().push(thread::current().id());
                name
            }) as LocalJob
        })
        .collect();
    let started = Instant::now();
    let returned = run_local(boxed);
    let took = started.elapsed();
    let threads = shared.borrow().clone();
    Run {
        given: jobs.iter().map(|(name, _)| *name).collect(),
        returned,
        took,
        threads,
    }
}

#[test]
fn names_come_back_in_the_order_the_jobs_finish() {
    let run = run();
    assert_eq!(
        run.returned,
        ["one", "two", "three"],
        "the jobs were given as {:?}; return their names as they finish, not as they were given",
        run.given
    );
}

#[test]
fn the_jobs_wait_at_the_same_time() {
    let run = run();
    assert!(
        run.took < UNIT * 9 / 2,
        "took {:?}: the longest job waits {:?}, all three in turn {:?}; run them at once",
        run.took,
        UNIT * 3,
        UNIT * 6
    );
}

#[test]
fn every_job_runs_on_the_calling_thread() {
    let run = run();
    assert_eq!(
        run.threads.len(),
        JOBS.len(),
        "every job must run to its end"
    );
    assert!(run.threads.iter().all(|t| *t == thread::current().id()));
}
