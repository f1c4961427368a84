//! Checks for `run_on`. The runtime is tokio's current-thread scheduler,
//! run by a thread named `loop-thread`. `run_on` is called from a plain
//! thread named `caller`. The jobs wait on tokio's timer (300, 200, 100
//! and 250 ms, so they finish in another order than they were given),
//! return values drawn for the run, and note the thread of every poll.

use bridging_exercises::run_on::{Job, run_on};
use exercise_support::random_values;
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::{Duration, Instant};

const LOOP_THREAD: &str = "loop-thread";
const CALLER: &str = "caller";
const WAITS_MS: [u64; 4] = [300, 200, 100, 250];

fn thread_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("(unnamed)")
        .to_string()
}

/// A job that waits `ms`, then gives `value`; every poll notes its thread.
fn job(ms: u64, value: u32, polled_on: Arc<Mutex<Vec<String>>>) -> Job {
    let mut wait = Box::pin(async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        value
    });
    Box::pin(std::future::poll_fn(move |cx| -> Poll<u32> {
        polled_on.lock().unwrap().push(thread_name());
        wait.as_mut().poll(cx)
    }))
}

struct Run {
    returned: Vec<u32>,
    values: Vec<u32>,
    took: Duration,
    polled_on: Vec<String>,
}

fn run() -> Run {
    let values = random_values(WAITS_MS.len());
    let polled_on = Arc::new(Mutex::new(Vec::new()));
    let jobs: Vec<Job> = WAITS_MS
        .iter()
        .zip(&values)
        .map(|(&ms, &value)| job(ms, value, polled_on.clone()))
        .collect();

    // The runtime, on a thread of its own until `stop` is sent.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let handle = runtime.handle().clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let loop_thread = std::thread::Builder::new()
        .name(LOOP_THREAD.into())
        .spawn(move || runtime.block_on(stopped))
        .unwrap();

    let (done, result) = std::sync::mpsc::channel();
    let caller = std::thread::Builder::new()
        .name(CALLER.into())
        .spawn(move || {
            let started = Instant::now();
            let returned = run_on(&handle, jobs);
            let _ = done.send((returned, started.elapsed()));
        })
        .unwrap();
    let (returned, took) = match result.recv_timeout(Duration::from_secs(5)) {
        Ok(answer) => answer,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("run_on did not return within 5 s: does it wait for something that never comes?")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            let panic = caller
                .join()
                .expect_err("the caller thread ended without an answer");
            std::panic::resume_unwind(panic) // the checker shows run_on's own panic
        }
    };
    let _ = stop.send(());
    loop_thread.join().unwrap().unwrap();
    let polled_on = polled_on.lock().unwrap().clone();
    Run {
        returned,
        values,
        took,
        polled_on,
    }
}

#[test]
fn every_value_comes_back_in_the_order_of_the_jobs() {
    let run = run();
    assert_eq!(
        run.returned, run.values,
        "the values, in the order the jobs were given (they finish in another order: wait for each answer in turn)"
    );
}

#[test]
fn the_jobs_run_on_the_runtime_thread() {
    let run = run();
    assert!(!run.polled_on.is_empty(), "no job was ever polled");
    let elsewhere: Vec<&String> = run.polled_on.iter().filter(|t| *t != LOOP_THREAD).collect();
    assert!(
        elsewhere.is_empty(),
        "jobs were polled on {elsewhere:?}, not on `{LOOP_THREAD}`, the thread that runs the runtime: hand them to it with `handle.spawn` (a `block_on` runs the future on the thread that calls it)"
    );
}

#[test]
fn the_jobs_run_at_the_same_time() {
    let run = run();
    let longest = Duration::from_millis(*WAITS_MS.iter().max().unwrap());
    let all: u64 = WAITS_MS.iter().sum();
    assert!(
        run.took < longest + Duration::from_millis(250),
        "run_on took {:?}: the jobs wait {WAITS_MS:?} ms, so together they take about {longest:?}, one after another {all} ms. Spawn every job before waiting for any",
        run.took
    );
}
