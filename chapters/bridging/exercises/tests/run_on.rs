//! Checks for `run_on`. The runtime is tokio's current-thread scheduler,
//! run by a thread named `loop-thread`. `run_on` is called from a plain
//! thread named `caller`. The jobs wait on tokio's timer (300, 200, 100
//! and 250 ms, so they finish in another order than they were given; then
//! a run ten times shorter), return values drawn for the run, and note the
//! thread of every poll. The caller's CPU time shows a busy wait.

use bridging_exercises::run_on::{Job, run_on};
use exercise_support::random_values;
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::thread::ThreadId;
use std::time::{Duration, Instant};

const LOOP_THREAD: &str = "loop-thread";
const CALLER: &str = "caller";
const WAITS_MS: [u64; 4] = [300, 200, 100, 250];
/// The same jobs, ten times shorter: no fixed pause passes both runs.
const SHORT_WAITS_MS: [u64; 4] = [30, 20, 10, 25];

fn thread_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("(unnamed)")
        .to_string()
}

/// A job that waits `ms`, then gives `value`; every poll notes its thread.
fn job(ms: u64, value: u32, polled_on: Arc<Mutex<Vec<ThreadId>>>) -> Job {
    let mut wait = Box::pin(async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        value
    });
    Box::pin(std::future::poll_fn(move |cx| -> Poll<u32> {
        polled_on.lock().unwrap().push(std::thread::current().id());
        wait.as_mut().poll(cx)
    }))
}

struct Run {
    returned: Vec<u32>,
    values: Vec<u32>,
    took: Duration,
    /// The CPU time the caller's thread used inside `run_on`.
    caller_cpu: Duration,
    polled_on: Vec<ThreadId>,
    loop_thread: ThreadId,
}

/// The CPU time the calling thread has used so far.
fn thread_cpu_time() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for clock_gettime to fill.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(ok, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn run() -> Run {
    run_with(WAITS_MS)
}

fn run_with(waits_ms: [u64; 4]) -> Run {
    let values = random_values(waits_ms.len());
    let polled_on = Arc::new(Mutex::new(Vec::new()));
    let jobs: Vec<Job> = waits_ms
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
    let loop_thread_id = loop_thread.thread().id();

    let (done, result) = std::sync::mpsc::channel();
    let caller = std::thread::Builder::new()
        .name(CALLER.into())
        .spawn(move || {
            let (started, cpu) = (Instant::now(), thread_cpu_time());
            let returned = run_on(&handle, jobs);
            let _ = done.send((returned, started.elapsed(), thread_cpu_time() - cpu));
        })
        .unwrap();
    let (returned, took, caller_cpu) = match result.recv_timeout(Duration::from_secs(5)) {
        Ok(answer) => answer,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!(
                "run_on did not return within 5 s: does it wait for something that never comes, or block the runtime's one thread?"
            )
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
        caller_cpu,
        polled_on,
        loop_thread: loop_thread_id,
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
    let elsewhere = run
        .polled_on
        .iter()
        .filter(|&&t| t != run.loop_thread)
        .count();
    assert!(
        elsewhere == 0,
        "{elsewhere} polls of the jobs ran on another thread than `{LOOP_THREAD}`, the thread that runs the runtime you were handed: hand the jobs to it with `handle.spawn` (a `block_on` runs the future on the thread that calls it, and a runtime of your own runs them on its threads)"
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

#[test]
fn run_on_returns_as_soon_as_the_last_job_is_done() {
    let run = run_with(SHORT_WAITS_MS);
    assert_eq!(
        run.returned, run.values,
        "the values, in the order of the jobs"
    );
    let longest = Duration::from_millis(*SHORT_WAITS_MS.iter().max().unwrap());
    assert!(
        run.took < longest + Duration::from_millis(150),
        "with jobs of {SHORT_WAITS_MS:?} ms, run_on took {:?}: wait for the answers themselves, not for a fixed time",
        run.took
    );
}

#[test]
fn the_caller_sleeps_while_it_waits() {
    let run = run();
    assert!(
        run.caller_cpu < Duration::from_millis(100),
        "the calling thread used {:?} of CPU while it waited {:?}: it spun in a loop. Wait with a blocking call (`blocking_recv`, `block_on`), which sleeps the thread until the answer comes",
        run.caller_cpu,
        run.took
    );
}
