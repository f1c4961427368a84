//! The gather/wait scenarios on smol.

use crate::scenario::*;
use futures::stream::{FuturesUnordered, StreamExt};
use harness::Timeline;
use smol::Timer;
use smol::future::FutureExt as _;
use std::time::Duration;

// ANCHOR: block_on
/// Runs a future to completion on the current thread. Tasks made with
/// `smol::spawn` run on smol's global executor.
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
}
// ANCHOR_END: block_on

// ANCHOR: job
/// Waits the job's delay, then returns its number.
async fn job(tl: Timeline, job: Job, unit: Duration) -> u32 {
    let record = tl.start(job.name);
    Timer::after(job.delay(unit)).await;
    record.done(job.units)
}

/// The same, for a job that may fail when its wait is over.
async fn fallible_job(tl: Timeline, job: Job, unit: Duration) -> Result<u32, String> {
    let record = tl.start(job.name);
    Timer::after(job.delay(unit)).await;
    job.outcome(record)
}
// ANCHOR_END: job

// ANCHOR: one_by_one
/// Awaits each job before starting the next: the delays add up.
pub async fn one_by_one(tl: Timeline, unit: Duration) -> Vec<u32> {
    let mut results = Vec::new();
    for j in THREE_JOBS {
        results.push(job(tl.clone(), j, unit).await);
    }
    results
}
// ANCHOR_END: one_by_one

// ANCHOR: gather
/// Spawns every job as a task, then waits for all of them in the order they
/// were spawned: results come back in submission order.
pub async fn gather(tl: Timeline, unit: Duration) -> Vec<u32> {
    let tasks = THREE_JOBS.map(|j| smol::spawn(job(tl.clone(), j, unit)));
    futures::future::join_all(tasks).await
}
// ANCHOR_END: gather

// ANCHOR: first_error
/// Stops at the first error. The jobs are futures, not tasks: `try_join_all`
/// drops the ones still running, and dropping a future cancels it.
pub async fn gather_first_error(tl: Timeline, unit: Duration) -> Result<Vec<u32>, String> {
    let jobs = ONE_FAILS.map(|j| fallible_job(tl.clone(), j, unit));
    futures::future::try_join_all(jobs).await
}
// ANCHOR_END: first_error

// ANCHOR: every_result
/// Waits for every job and keeps each result, errors included.
pub async fn gather_every_result(tl: Timeline, unit: Duration) -> Vec<Result<u32, String>> {
    let jobs = ONE_FAILS.map(|j| fallible_job(tl.clone(), j, unit));
    futures::future::join_all(jobs).await
}
// ANCHOR_END: every_result

// ANCHOR: wait_timeout
/// Collects what finishes before the deadline, then cancels the rest.
pub async fn wait_with_timeout(tl: Timeline, unit: Duration) -> Waited {
    let mut running: FuturesUnordered<_> = FOUR_JOBS
        .map(|j| smol::spawn(job(tl.clone(), j, unit)))
        .into_iter()
        .collect();
    let mut done = Vec::new();
    let collect = async {
        while let Some(result) = running.next().await {
            done.push(result);
        }
    };
    // Whichever finishes first wins: all the jobs, or the timer.
    collect
        .or(async {
            Timer::after(unit * WAIT_TIMEOUT_UNITS).await;
        })
        .await;
    let pending = running.len();
    // Dropping a smol Task cancels it; cancel() also waits until it has stopped.
    for task in running {
        task.cancel().await;
    }
    Waited { done, pending }
}
// ANCHOR_END: wait_timeout

// ANCHOR: first_completed
/// Returns the first result and cancels the others.
pub async fn first_completed(tl: Timeline, unit: Duration) -> u32 {
    let tasks = THREE_JOBS.map(|j| smol::spawn(job(tl.clone(), j, unit)));
    let (first, _index, others) = futures::future::select_all(tasks).await;
    for task in others {
        task.cancel().await;
    }
    first
}
// ANCHOR_END: first_completed

// ANCHOR: as_completed
/// Hands each result back as soon as its job is done.
pub async fn as_completed(tl: Timeline, unit: Duration) -> Vec<u32> {
    let mut running: FuturesUnordered<_> = THREE_JOBS
        .map(|j| smol::spawn(job(tl.clone(), j, unit)))
        .into_iter()
        .collect();
    let mut results = Vec::new();
    while let Some(result) = running.next().await {
        results.push(result);
    }
    results
}
// ANCHOR_END: as_completed

// ANCHOR: groups
/// Gathers two groups, each itself a gather; all four jobs run at once.
pub async fn groups(tl: Timeline, unit: Duration) -> (Vec<u32>, Vec<u32>) {
    let group_1 = futures::future::join_all(GROUP_1.map(|j| job(tl.clone(), j, unit)));
    let group_2 = futures::future::join_all(GROUP_2.map(|j| job(tl.clone(), j, unit)));
    smol::future::zip(group_1, group_2).await
}
// ANCHOR_END: groups

// ANCHOR: cancel_group
/// Starts two groups of tasks, then cancels the second before it is done.
/// A cancelled task's result is `None`.
pub async fn cancel_group(tl: Timeline, unit: Duration) -> (Vec<u32>, Vec<Option<u32>>) {
    let group_1 = CANCEL_GROUP_1.map(|j| smol::spawn(job(tl.clone(), j, unit)));
    let group_2 = CANCEL_GROUP_2.map(|j| smol::spawn(job(tl.clone(), j, unit)));
    Timer::after(unit * CANCEL_AFTER_UNITS).await;
    let mut cancelled = Vec::new();
    for task in group_2 {
        cancelled.push(task.cancel().await);
    }
    (futures::future::join_all(group_1).await, cancelled)
}
// ANCHOR_END: cancel_group

// ANCHOR: first_exception
/// Python's `wait(return_when=FIRST_EXCEPTION)`: hands back what is done at
/// the first error, and leaves the other tasks running (a smol task runs as long as its `Task` is kept). Here they are awaited afterwards, to show it.
pub async fn first_exception(tl: Timeline, unit: Duration) -> FirstException {
    let mut running: FuturesUnordered<_> = ONE_FAILS
        .map(|j| smol::spawn(fallible_job(tl.clone(), j, unit)))
        .into_iter()
        .collect();
    let mut done = Vec::new();
    while let Some(result) = running.next().await {
        let failed = result.is_err();
        done.push(result);
        if failed {
            break;
        }
    }
    tl.mark("main", "first error", None);
    let finished_later = running.collect().await;
    FirstException {
        done,
        finished_later,
    }
}
// ANCHOR_END: first_exception

// ANCHOR: lazy_futures
/// A future does nothing until it is polled: these three are made, then
/// the caller works for one unit, and only then are they awaited.
pub async fn lazy_futures(tl: Timeline, unit: Duration) -> Vec<u32> {
    let jobs = THREE_JOBS.map(|j| job(tl.clone(), j, unit)); // nothing runs yet
    Timer::after(unit * LAZY_WORK_UNITS).await; // the caller's own work
    futures::future::join_all(jobs).await // the jobs start here
}
// ANCHOR_END: lazy_futures
