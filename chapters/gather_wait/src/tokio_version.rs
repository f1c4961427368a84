//! The gather/wait scenarios on tokio.

use crate::scenario::*;
use futures::stream::{FuturesUnordered, StreamExt};
use harness::{Timeline, unless_cancelled};
use std::time::Duration;
use tokio::task::JoinSet;

// ANCHOR: block_on
/// Runs a future to completion on a new multi-threaded runtime, the kind
/// `#[tokio::main]` builds.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}
// ANCHOR_END: block_on

// ANCHOR: job
/// Waits the job's delay, then returns its number.
async fn job(tl: Timeline, job: Job, unit: Duration) -> u32 {
    let record = tl.start(job.name);
    tokio::time::sleep(job.delay(unit)).await;
    record.done(job.units)
}

/// The same, for a job that may fail when its wait is over.
async fn fallible_job(tl: Timeline, job: Job, unit: Duration) -> Result<u32, String> {
    let record = tl.start(job.name);
    tokio::time::sleep(job.delay(unit)).await;
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
    let handles = THREE_JOBS.map(|j| tokio::spawn(job(tl.clone(), j, unit)));
    let mut results = Vec::new();
    for handle in handles {
        results.push(unless_cancelled(handle.await).expect("nothing cancels these jobs"));
    }
    results
}
// ANCHOR_END: gather

// ANCHOR: first_error
/// Stops at the first error. The jobs are futures, not tasks: `try_join!`
/// drops the ones still running, and dropping a future cancels it.
pub async fn gather_first_error(tl: Timeline, unit: Duration) -> Result<Vec<u32>, String> {
    let [a, b, c] = ONE_FAILS.map(|j| fallible_job(tl.clone(), j, unit));
    let (a, b, c) = tokio::try_join!(a, b, c)?;
    Ok(vec![a, b, c])
}
// ANCHOR_END: first_error

// ANCHOR: every_result
/// Waits for every job and keeps each result, errors included.
pub async fn gather_every_result(tl: Timeline, unit: Duration) -> Vec<Result<u32, String>> {
    let [a, b, c] = ONE_FAILS.map(|j| fallible_job(tl.clone(), j, unit));
    let (a, b, c) = tokio::join!(a, b, c);
    vec![a, b, c]
}
// ANCHOR_END: every_result

// ANCHOR: wait_timeout
/// Collects what finishes before the deadline, then cancels the rest.
pub async fn wait_with_timeout(tl: Timeline, unit: Duration) -> Waited {
    let mut set = JoinSet::new();
    for j in FOUR_JOBS {
        set.spawn(job(tl.clone(), j, unit));
    }
    let deadline = tokio::time::Instant::now() + unit * WAIT_TIMEOUT_UNITS;
    let mut done = Vec::new();
    while let Ok(Some(result)) = tokio::time::timeout_at(deadline, set.join_next()).await {
        done.push(unless_cancelled(result).expect("nothing cancels a job before the deadline"));
    }
    let pending = set.len();
    // Dropping a JoinSet also aborts its tasks; shutdown() waits until they have stopped.
    set.shutdown().await;
    Waited { done, pending }
}
// ANCHOR_END: wait_timeout

// ANCHOR: first_completed
/// Returns the first result and cancels the others.
pub async fn first_completed(tl: Timeline, unit: Duration) -> u32 {
    let mut set = JoinSet::new();
    for j in THREE_JOBS {
        set.spawn(job(tl.clone(), j, unit));
    }
    let first = set.join_next().await.expect("the set is not empty");
    set.shutdown().await;
    unless_cancelled(first).expect("nothing cancelled the first job")
}
// ANCHOR_END: first_completed

// ANCHOR: as_completed
/// Hands each result back as soon as its job is done.
pub async fn as_completed(tl: Timeline, unit: Duration) -> Vec<u32> {
    let mut set = JoinSet::new();
    for j in THREE_JOBS {
        set.spawn(job(tl.clone(), j, unit));
    }
    let mut results = Vec::new();
    while let Some(result) = set.join_next().await {
        results.push(unless_cancelled(result).expect("nothing cancels these jobs"));
    }
    results
}
// ANCHOR_END: as_completed

// ANCHOR: groups
/// Gathers two groups, each itself a gather; all four jobs run at once.
pub async fn groups(tl: Timeline, unit: Duration) -> (Vec<u32>, Vec<u32>) {
    let group_1 = futures::future::join_all(GROUP_1.map(|j| job(tl.clone(), j, unit)));
    let group_2 = futures::future::join_all(GROUP_2.map(|j| job(tl.clone(), j, unit)));
    tokio::join!(group_1, group_2)
}
// ANCHOR_END: groups

// ANCHOR: cancel_group
/// Starts two groups of tasks, then cancels the second before it is done.
/// A cancelled task's result is `None`.
pub async fn cancel_group(tl: Timeline, unit: Duration) -> (Vec<u32>, Vec<Option<u32>>) {
    let group_1 = CANCEL_GROUP_1.map(|j| tokio::spawn(job(tl.clone(), j, unit)));
    let group_2 = CANCEL_GROUP_2.map(|j| tokio::spawn(job(tl.clone(), j, unit)));
    tokio::time::sleep(unit * CANCEL_AFTER_UNITS).await;
    for handle in &group_2 {
        handle.abort(); // takes effect when the task next waits
    }
    // join_all over the handles keeps their order (JoinSet::join_all would
    // not: it hands results back as they complete, the as-completed tool).
    let group_1 = futures::future::join_all(group_1).await;
    let group_2 = futures::future::join_all(group_2).await;
    let group_1 = group_1.into_iter().map(unless_cancelled);
    (
        group_1
            .map(|r| r.expect("group 1 was not cancelled"))
            .collect(),
        group_2.into_iter().map(unless_cancelled).collect(),
    )
}
// ANCHOR_END: cancel_group

// ANCHOR: first_exception
/// Python's `wait(return_when=FIRST_EXCEPTION)`: hands back what is done at
/// the first error, and leaves the other tasks running (a tokio task keeps
/// running unless aborted). Here they are awaited afterwards, to show it.
pub async fn first_exception(tl: Timeline, unit: Duration) -> FirstException {
    let mut running: FuturesUnordered<_> = ONE_FAILS
        .map(|j| tokio::spawn(fallible_job(tl.clone(), j, unit)))
        .into_iter()
        .collect();
    let mut done = Vec::new();
    while let Some(result) = running.next().await {
        let result = unless_cancelled(result).expect("nothing cancels these jobs");
        let failed = result.is_err();
        done.push(result);
        if failed {
            break;
        }
    }
    tl.mark("main", "first error", None);
    let mut finished_later = Vec::new();
    while let Some(result) = running.next().await {
        finished_later.push(unless_cancelled(result).expect("nothing cancels these jobs"));
    }
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
    tokio::time::sleep(unit * LAZY_WORK_UNITS).await; // the caller's own work
    futures::future::join_all(jobs).await // the jobs start here
}
// ANCHOR_END: lazy_futures
