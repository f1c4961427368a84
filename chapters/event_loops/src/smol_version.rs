//! The event-loop scenarios on smol. An `Executor` is a loop you own: its
//! tasks run only while something runs `executor.run(...)`, and dropping
//! it drops (cancels) the tasks still on it. `smol::spawn` instead puts
//! tasks on a global executor that lives as long as the process.

use crate::scenario::*;
use harness::Timeline;
use smol::{Executor, LocalExecutor, Timer};
use std::time::{Duration, Instant};

/// Waits `units`, then returns `a + b`, recorded on the timeline as `name`.
async fn add(tl: Timeline, name: &str, (a, b): (u32, u32), unit: Duration) -> u32 {
    let record = tl.start(name);
    Timer::after(unit).await;
    record.done(a + b)
}

/// Waits the job's delay and returns its units.
async fn job(tl: Timeline, job: Job, unit: Duration) -> u32 {
    let record = tl.start(job.name);
    Timer::after(delay(job, unit)).await;
    record.done(job.units)
}

// ANCHOR: run_until_complete
/// `loop.run_until_complete(...)`, three times on one executor:
/// `block_on(executor.run(f))` runs the executor's tasks until `f` is done.
pub fn run_until_complete(tl: Timeline, unit: Duration) -> Completed {
    let executor = Executor::new();
    let future = smol::block_on(executor.run(add(tl.clone(), "future", ADD, unit)));
    let task = executor.spawn(add(tl.clone(), "task", ADD, unit));
    let task = smol::block_on(executor.run(task));
    let joined = smol::block_on(executor.run(async {
        futures::join!(
            add(tl.clone(), "joined 1", ADD, unit),
            add(tl.clone(), "joined 2", ADD_TOO, unit)
        )
    }));
    Completed {
        future,
        task,
        joined,
    }
}
// ANCHOR_END: run_until_complete

// ANCHOR: stop_at_first
/// `run_forever` until the first job calls `stop`: run the executor until
/// a job sends on the `stop` channel.
pub fn stop_at_first(tl: Timeline, unit: Duration) -> Outcome {
    let executor = Executor::new();
    let (stop, stopped) = smol::channel::bounded::<()>(TWO_JOBS.len());
    for j in TWO_JOBS {
        let (tl, stop) = (tl.clone(), stop.clone());
        // detach(): dropping a smol Task would cancel it.
        executor
            .spawn(async move {
                job(tl, j, unit).await;
                let _ = stop.send(()).await; // loop.stop()
            })
            .detach();
    }
    let _ = smol::block_on(executor.run(stopped.recv())); // loop.run_forever()
    drop(executor); // loop.close(): the tasks still on it are cancelled
    std::thread::sleep(unit * AFTER_STOP_UNITS); // does `three` ever finish?
    outcome(&tl)
}
// ANCHOR_END: stop_at_first

// ANCHOR: stop_after_all
/// Stop when every job is done: the gather is what `block_on` waits for.
pub fn stop_after_all(tl: Timeline, unit: Duration) -> Outcome {
    let [one, three] = TWO_JOBS.map(|j| job(tl.clone(), j, unit));
    smol::block_on(async { futures::join!(one, three) });
    outcome(&tl)
}
// ANCHOR_END: stop_after_all

// ANCHOR: closed
/// A task spawned on an executor that is then dropped never runs: its
/// handle says so with `None` (awaited directly, it would panic).
pub fn closed(tl: Timeline, unit: Duration) -> Closed {
    let executor = Executor::new();
    let before = smol::block_on(executor.run(add(tl.clone(), "before", ADD, unit)));
    let task = executor.spawn(add(tl.clone(), "after", ADD, unit));
    drop(executor); // `executor` cannot be named again
    let after = smol::block_on(task.fallible()).ok_or("cancelled");
    Closed { before, after }
}
// ANCHOR_END: closed

// ANCHOR: call_soon_later_at
/// `call_soon`: run `f` as soon as the executor gets to it.
fn call_soon<'a>(ex: &Executor<'a>, f: impl FnOnce() + Send + 'a) -> smol::Task<()> {
    ex.spawn(async move { f() })
}

/// `call_later`: run `f` after `delay`.
fn call_later<'a>(
    ex: &Executor<'a>,
    delay: Duration,
    f: impl FnOnce() + Send + 'a,
) -> smol::Task<()> {
    ex.spawn(async move {
        Timer::after(delay).await;
        f()
    })
}

/// `call_at`: run `f` at `deadline`, a point on the clock.
fn call_at<'a>(
    ex: &Executor<'a>,
    deadline: Instant,
    f: impl FnOnce() + Send + 'a,
) -> smol::Task<()> {
    ex.spawn(async move {
        Timer::at(deadline).await;
        f()
    })
}

/// Schedules `CALLS` in their order, then waits for all of them.
pub fn call_soon_later_at(tl: Timeline, unit: Duration) -> Vec<String> {
    let ex = Executor::new();
    smol::block_on(ex.run(async {
        let start = Instant::now();
        let mut calls = Vec::new();
        for (name, when) in CALLS {
            let record = tl.start(name); // scheduled now...
            let f = move || record.done(()); // ...done when called
            calls.push(match when {
                When::Soon => call_soon(&ex, f),
                When::Later(units) => call_later(&ex, unit * units, f),
                When::At(units) => call_at(&ex, start + unit * units, f),
            });
        }
        for call in calls {
            call.await;
        }
    }));
    tl.tasks_with("done")
}
// ANCHOR_END: call_soon_later_at

// ANCHOR: ready_queue
/// The loop as a queue: three tasks wait for a message each; the main task
/// wakes them in `WAKE_ORDER`. A `LocalExecutor` runs on this one thread,
/// and runs its woken tasks in the order they were woken.
pub fn ready_queue(tl: Timeline, unit: Duration) -> Vec<String> {
    let ex = LocalExecutor::new();
    smol::block_on(ex.run(async {
        let mut wake = Vec::new();
        let mut tasks = Vec::new();
        for name in SPAWN_ORDER {
            let (send, woken) = smol::channel::bounded::<()>(1);
            let record = tl.start(name);
            tasks.push(ex.spawn(async move {
                let _ = woken.recv().await;
                record.done(())
            }));
            wake.push((name, send));
        }
        Timer::after(unit).await; // every task is waiting by now
        for name in WAKE_ORDER {
            let i = wake.iter().position(|(n, _)| *n == name).unwrap();
            let _ = wake.remove(i).1.try_send(()); // wakes the task: queued to run
        }
        for task in tasks {
            task.await;
        }
    }));
    tl.tasks_with("done")
}
// ANCHOR_END: ready_queue
