//! Checks for `local_tasks`. The jobs wait 1, 2 and 3 units, given in an
//! order drawn each run (never the order they finish in), share an `Rc`,
//! and note the thread they ran on.

use exercise_support::random_values;
use std::rc::Rc;
use std::sync::mpsc;
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
    /// Whether each job ran on the thread that called `run_local`.
    on_the_calling_thread: Vec<bool>,
}

/// Runs the exercise with jobs of 1, 2 and 3 times `unit`, on a thread of
/// its own (the jobs are made there: they cannot be sent), with a deadline.
fn run_with(unit: Duration) -> Run {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let order = GIVEN[random_values(1)[0] as usize % GIVEN.len()];
        let jobs: Vec<_> = order.iter().map(|&i| JOBS[i]).collect();
        let shared = Rc::new(std::cell::RefCell::new(Vec::new())); // not Send
        let boxed: Vec<LocalJob> = jobs
            .iter()
            .map(|&(name, units)| {
                let shared = shared.clone();
                Box::pin(async move {
                    smol::Timer::after(unit * units).await;
                    shared.borrow_mut().push(thread::current().id());
                    name
                }) as LocalJob
            })
            .collect();
        let started = Instant::now();
        let returned = run_local(boxed);
        let took = started.elapsed();
        let me: ThreadId = thread::current().id();
        let on_the_calling_thread = shared.borrow().iter().map(|t| *t == me).collect();
        let _ = done.send(Run {
            given: jobs.iter().map(|(name, _)| *name).collect(),
            returned,
            took,
            on_the_calling_thread,
        });
    });
    result.recv_timeout(unit * 30).unwrap_or_else(|_| {
        panic!("run_local did not return within {:?}: does it wait for something that never comes, or did it panic?", unit * 30)
    })
}

fn run() -> Run {
    run_with(UNIT)
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
fn the_jobs_wait_at_the_same_time_and_no_longer() {
    // Two units, so that no fixed wait fits both.
    for unit in [UNIT, UNIT * 8 / 5] {
        let run = run_with(unit);
        assert_eq!(
            run.returned.len(),
            JOBS.len(),
            "with a unit of {unit:?}, every job must finish: {:?}",
            run.returned
        );
        assert!(
            run.took < unit * 7 / 2,
            "with jobs of {:?}, {:?} and {:?}, took {:?}: run them at once, and return as soon as the last is done",
            unit,
            unit * 2,
            unit * 3,
            run.took
        );
    }
}

#[test]
fn every_job_runs_on_the_calling_thread() {
    let run = run();
    assert_eq!(
        run.on_the_calling_thread.len(),
        JOBS.len(),
        "every job must run to its end"
    );
    assert!(run.on_the_calling_thread.iter().all(|on| *on));
}
