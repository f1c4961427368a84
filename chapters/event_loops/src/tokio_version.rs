//! The event-loop scenarios on tokio. Each builds the runtime it runs on:
//! building, running and stopping the loop is what this chapter is about.

use crate::scenario::*;
use harness::{Timeline, unless_cancelled};
use std::time::Duration;
use tokio::runtime::{Builder, Runtime};

// ANCHOR: helpers
/// Waits `units`, then returns `a + b`, recorded on the timeline as `name`.
async fn add(tl: Timeline, name: &str, (a, b): (u32, u32), unit: Duration) -> u32 {
    let record = tl.start(name);
    tokio::time::sleep(unit).await;
    record.done(a + b)
}

/// Waits the job's delay and returns its units.
async fn job(tl: Timeline, job: Job, unit: Duration) -> u32 {
    let record = tl.start(job.name);
    tokio::time::sleep(delay(job, unit)).await;
    record.done(job.units)
}
// ANCHOR_END: helpers

// ANCHOR: run_until_complete
/// `loop.run_until_complete(...)`, three times on one runtime: `block_on`
/// takes any future: an `async fn`'s, a task's handle, a join of two.
pub fn run_until_complete(tl: Timeline, unit: Duration) -> Completed {
    let runtime = Runtime::new().expect("could not start the tokio runtime");
    let future = runtime.block_on(add(tl.clone(), "future", ADD, unit));
    let handle = runtime.spawn(add(tl.clone(), "task", ADD, unit));
    let task = runtime
        .block_on(handle)
        .expect("the task neither panics nor is aborted");
    let joined = runtime.block_on(async {
        tokio::join!(
            add(tl.clone(), "joined 1", ADD, unit),
            add(tl.clone(), "joined 2", ADD_TOO, unit)
        )
    });
    Completed {
        future,
        task,
        joined,
    }
} // the runtime is dropped here: the loop is closed
// ANCHOR_END: run_until_complete

// ANCHOR: stop_at_first
/// `run_forever` until the first job calls `stop`: `block_on` a future
/// that finishes when a job sends on the `stop` channel.
pub fn stop_at_first(tl: Timeline, unit: Duration) -> Outcome {
    let runtime = Runtime::new().expect("could not start the tokio runtime");
    let (stop, mut stopped) = tokio::sync::mpsc::channel::<()>(TWO_JOBS.len());
    for j in TWO_JOBS {
        let (tl, stop) = (tl.clone(), stop.clone());
        runtime.spawn(async move {
            job(tl, j, unit).await;
            let _ = stop.send(()).await; // loop.stop()
        });
    }
    runtime.block_on(stopped.recv()); // loop.run_forever()
    // Stop the workers; a task still running is dropped (cancelled) at its
    // next await. Blocking work (spawn_blocking) gets up to 1 unit to end.
    runtime.shutdown_timeout(unit);
    std::thread::sleep(unit * AFTER_STOP_UNITS); // does `three` ever finish?
    outcome(&tl)
}
// ANCHOR_END: stop_at_first

// ANCHOR: stop_after_all
/// Stop when every job is done: the gather is what `block_on` waits for.
pub fn stop_after_all(tl: Timeline, unit: Duration) -> Outcome {
    let runtime = Runtime::new().expect("could not start the tokio runtime");
    let [one, three] = TWO_JOBS.map(|j| job(tl.clone(), j, unit));
    runtime.block_on(async { tokio::join!(one, three) });
    outcome(&tl)
}
// ANCHOR_END: stop_after_all

// ANCHOR: closed
/// Hands a job to a runtime that has been shut down, through a `Handle`
/// kept from before: the task is cancelled without running.
pub fn closed(tl: Timeline, unit: Duration) -> Closed {
    let runtime = Runtime::new().expect("could not start the tokio runtime");
    let handle = runtime.handle().clone();
    let before = runtime.block_on(add(tl.clone(), "before", ADD, unit));
    runtime.shutdown_timeout(unit); // takes `runtime`: it cannot be named again
    let task = handle.spawn(add(tl.clone(), "after", ADD, unit));
    // No runtime is left to run it on: wait with the futures crate's executor.
    let after = unless_cancelled(futures::executor::block_on(task)).ok_or("cancelled");
    Closed { before, after }
}
// ANCHOR_END: closed

// ANCHOR: call_soon_later_at
/// `call_soon`: run `f` as soon as the runtime gets to it.
fn call_soon(f: impl FnOnce() + Send + 'static) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move { f() })
}

/// `call_later`: run `f` after `delay`.
fn call_later(delay: Duration, f: impl FnOnce() + Send + 'static) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        f()
    })
}

/// `call_at`: run `f` at `deadline`, a point on the runtime's clock
/// (`loop.time()` is `tokio::time::Instant::now()`).
fn call_at(
    deadline: tokio::time::Instant,
    f: impl FnOnce() + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tokio::time::sleep_until(deadline).await;
        f()
    })
}

/// Schedules `CALLS` in their order, then waits for all of them.
pub fn call_soon_later_at(tl: Timeline, unit: Duration) -> Vec<String> {
    let runtime = Runtime::new().expect("could not start the tokio runtime");
    runtime.block_on(async {
        let start = tokio::time::Instant::now();
        let mut calls = Vec::new();
        for (name, when) in CALLS {
            let record = tl.start(name); // scheduled now...
            let f = move || record.done(()); // ...done when called
            calls.push(match when {
                When::Soon => call_soon(f),
                When::Later(units) => call_later(unit * units, f),
                When::At(units) => call_at(start + unit * units, f),
            });
        }
        for call in calls {
            call.await.expect("no call panics");
        }
    });
    tl.tasks_with("done")
}
// ANCHOR_END: call_soon_later_at

// ANCHOR: ready_queue
/// The loop as a queue: three tasks wait for a message each; the main task
/// wakes them in `WAKE_ORDER`. On one thread, they run in that order.
pub fn ready_queue(tl: Timeline, unit: Duration) -> Vec<String> {
    let runtime = Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("could not start the tokio runtime");
    runtime.block_on(async {
        let mut wake = Vec::new();
        let mut tasks = Vec::new();
        for name in SPAWN_ORDER {
            let (send, woken) = tokio::sync::oneshot::channel::<()>();
            let record = tl.start(name);
            tasks.push(tokio::spawn(async move {
                let _ = woken.await;
                record.done(())
            }));
            wake.push((name, send));
        }
        tokio::time::sleep(unit).await; // every task is waiting by now
        for name in WAKE_ORDER {
            let i = wake.iter().position(|(n, _)| *n == name).unwrap();
            let _ = wake.remove(i).1.send(()); // wakes the task: queued to run
        }
        for task in tasks {
            task.await.expect("no task panics");
        }
    });
    tl.tasks_with("done")
}
// ANCHOR_END: ready_queue

// ANCHOR: tokio_main
/// `#[tokio::main]` turns an `async fn` into a plain one that builds a
/// multi-threaded runtime and blocks on the body: `asyncio.run`.
#[tokio::main]
pub async fn with_the_macro() -> u32 {
    ADD.0 + ADD.1
}
// ANCHOR_END: tokio_main

// ANCHOR: tokio_main_expanded
/// What the macro writes for you (`cargo expand` shows it).
pub fn by_hand() -> u32 {
    let body = async { ADD.0 + ADD.1 };
    Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("Failed building the Runtime")
        .block_on(body)
}
// ANCHOR_END: tokio_main_expanded

/// A runtime's handle, used after the runtime was shut down: `block_on`
/// panics with tokio's own message. Returns that message.
pub fn block_on_after_shutdown(unit: Duration) -> String {
    let runtime = Runtime::new().expect("could not start the tokio runtime");
    let handle = runtime.handle().clone();
    runtime.shutdown_timeout(unit);
    let panicked =
        std::panic::catch_unwind(|| handle.block_on(async { tokio::time::sleep(unit).await }))
            .expect_err("a timer on a shut-down runtime panics");
    harness::panic_message(&panicked)
}
