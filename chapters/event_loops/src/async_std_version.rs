//! The event-loop scenarios on async-std. Its runtime is global: it starts
//! on first use, runs its worker threads until the process exits, and
//! cannot be shut down. `block_on` runs a future on the calling thread.
//! (async-std was discontinued in 2025; its maintainers point to smol.)

use crate::scenario::*;
use async_std::task;
use futures::stream::{FuturesUnordered, StreamExt};
use harness::Timeline;
use std::time::{Duration, Instant};

/// Waits `units`, then returns `a + b`, recorded on the timeline as `name`.
async fn add(tl: Timeline, name: &str, (a, b): (u32, u32), unit: Duration) -> u32 {
    let record = tl.start(name);
    task::sleep(unit).await;
    record.done(a + b)
}

/// Waits the job's delay and returns its units.
async fn job(tl: Timeline, job: Job, unit: Duration) -> u32 {
    let record = tl.start(job.name);
    task::sleep(delay(job, unit)).await;
    record.done(job.units)
}

// ANCHOR: run_until_complete
/// `loop.run_until_complete(...)`, three times: there is no runtime value
/// to build, `task::block_on` takes any future.
pub fn run_until_complete(tl: Timeline, unit: Duration) -> Completed {
    let future = task::block_on(add(tl.clone(), "future", ADD, unit));
    let handle = task::spawn(add(tl.clone(), "task", ADD, unit));
    let task = task::block_on(handle);
    let joined = task::block_on(async {
        futures::join!(
            add(tl.clone(), "joined 1", ADD, unit),
            add(tl.clone(), "joined 2", ADD_TOO, unit)
        )
    });
    Completed {
        future,
        task,
        joined,
    }
}
// ANCHOR_END: run_until_complete

// ANCHOR: stop_at_first
/// `run_forever` until the first job calls `stop`: `block_on` a future
/// that finishes when a job sends on the `stop` channel.
pub fn stop_at_first(tl: Timeline, unit: Duration) -> Outcome {
    let (stop, stopped) = async_std::channel::bounded::<()>(TWO_JOBS.len());
    for j in TWO_JOBS {
        let (tl, stop) = (tl.clone(), stop.clone());
        // The handle is dropped at once: the task is detached, not cancelled.
        task::spawn(async move {
            job(tl, j, unit).await;
            let _ = stop.send(()).await; // loop.stop()
        });
    }
    let _ = task::block_on(stopped.recv()); // loop.run_forever()
    // Nothing to shut down: the global runtime keeps running `three`.
    std::thread::sleep(unit * AFTER_STOP_UNITS); // does `three` ever finish?
    outcome(&tl)
}
// ANCHOR_END: stop_at_first

// ANCHOR: stop_after_all
/// Stop when every job is done: the gather is what `block_on` waits for.
pub fn stop_after_all(tl: Timeline, unit: Duration) -> Outcome {
    let [one, three] = TWO_JOBS.map(|j| job(tl.clone(), j, unit));
    task::block_on(async { futures::join!(one, three) });
    outcome(&tl)
}
// ANCHOR_END: stop_after_all

// ANCHOR: closed
/// There is no closing async-std's runtime: a job handed to it later runs.
pub fn closed(tl: Timeline, unit: Duration) -> Closed {
    let before = task::block_on(add(tl.clone(), "before", ADD, unit));
    let task = task::spawn(add(tl.clone(), "after", ADD, unit));
    Closed {
        before,
        after: Ok(task::block_on(task)),
    }
}
// ANCHOR_END: closed

// ANCHOR: call_soon_later_at
/// `call_soon`: run `f` as soon as the runtime gets to it.
fn call_soon(f: impl FnOnce() + Send + 'static) -> task::JoinHandle<()> {
    task::spawn(async move { f() })
}

/// `call_later`: run `f` after `delay`.
fn call_later(delay: Duration, f: impl FnOnce() + Send + 'static) -> task::JoinHandle<()> {
    task::spawn(async move {
        task::sleep(delay).await;
        f()
    })
}

/// `call_at`: run `f` at `deadline`. async-std has no sleep-until, so the
/// task sleeps for what is left when it starts.
fn call_at(deadline: Instant, f: impl FnOnce() + Send + 'static) -> task::JoinHandle<()> {
    task::spawn(async move {
        task::sleep(deadline.saturating_duration_since(Instant::now())).await;
        f()
    })
}

/// Schedules `CALLS` in their order, then waits for all of them.
pub fn call_soon_later_at(tl: Timeline, unit: Duration) -> Vec<String> {
    task::block_on(async {
        let start = Instant::now();
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
            call.await;
        }
    });
    tl.tasks_with("done")
}
// ANCHOR_END: call_soon_later_at

// ANCHOR: ready_queue
/// The loop as a queue. async-std's tasks run on a pool of threads, in no
/// order one can watch, so the queue here is a `FuturesUnordered` inside
/// `block_on`: it polls its futures in the order they were woken.
pub fn ready_queue(tl: Timeline, unit: Duration) -> Vec<String> {
    task::block_on(async {
        let mut wake = Vec::new();
        let tasks = FuturesUnordered::new();
        for name in SPAWN_ORDER {
            let (send, woken) = futures::channel::oneshot::channel::<()>();
            let record = tl.start(name);
            tasks.push(async move {
                let _ = woken.await;
                record.done(())
            });
            wake.push((name, send));
        }
        let waker = async {
            task::sleep(unit).await; // every task is waiting by now
            for name in WAKE_ORDER {
                let i = wake.iter().position(|(n, _)| *n == name).unwrap();
                let _ = wake.remove(i).1.send(()); // wakes the task: queued to run
            }
        };
        futures::join!(waker, tasks.collect::<Vec<()>>());
    });
    tl.tasks_with("done")
}
// ANCHOR_END: ready_queue
