//! The task scenarios on async-std (discontinued in 2025; its maintainers
//! point to smol).

use crate::scenario::*;
use async_std::task;
use futures::FutureExt;
use harness::Timeline;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

// ANCHOR: block_on
/// Runs a future to completion on the calling thread; spawned tasks run on
/// async-std's global runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    task::block_on(future)
}
// ANCHOR_END: block_on

/// Waits the job's delay, then returns its units.
async fn job(tl: Timeline, job: Job, unit: Duration) -> u32 {
    let record = tl.start(job.name);
    task::sleep(job.delay(unit)).await;
    record.done(job.units)
}

// ANCHOR: states
/// async-std's `JoinHandle` has no `is_finished`. Polling it once with
/// `now_or_never` answers the question, and takes the result if it is
/// there: a handle's output can be had only once.
pub async fn states(tl: Timeline, unit: Duration) -> States {
    let mut handle = task::spawn(job(tl, WATCHED, unit));
    let (mut seen, mut result) = (Vec::new(), None);
    let mut now = 0;
    for at in LOOK_AT_UNITS {
        task::sleep(unit * (at - now)).await;
        now = at;
        if result.is_none() {
            result = (&mut handle).now_or_never();
        }
        seen.push(if result.is_some() {
            "finished"
        } else {
            "pending"
        });
    }
    let result = match result {
        Some(r) => r,
        None => handle.await,
    };
    States { seen, result }
}
// ANCHOR_END: states

// ANCHOR: cancel
/// Cancels both jobs after 2 units: `cancel().await` returns `None` if the
/// job was stopped, its result if it had finished.
pub async fn cancel(tl: Timeline, unit: Duration) -> [Option<u32>; 2] {
    let handles = SHORT_AND_LONG.map(|j| task::spawn(job(tl.clone(), j, unit)));
    task::sleep(unit * CANCEL_AT_UNITS).await;
    let mut results = [None, None];
    for (result, handle) in results.iter_mut().zip(handles) {
        *result = handle.cancel().await;
    }
    results
}
// ANCHOR_END: cancel

// ANCHOR: drop_handle
/// Drops the handle while the job waits: the task is detached and runs on.
pub async fn drop_handle(tl: Timeline, unit: Duration) -> &'static str {
    let handle = task::spawn(job(tl.clone(), DROPPED, unit));
    task::sleep(unit * DROP_AT_UNITS).await; // the job is waiting now
    drop(handle);
    task::sleep(unit * AFTER_DROP_UNITS).await;
    fate(&tl, DROPPED.name)
}
// ANCHOR_END: drop_handle

// ANCHOR: local
/// async-std's `spawn_local` is behind its `unstable` feature. Futures
/// need no `Send` to be joined inside one task, so join them there.
pub async fn local(tl: Timeline, unit: Duration) -> Vec<&'static str> {
    let log = Rc::new(RefCell::new(Vec::new()));
    let jobs = LOCAL_JOBS.map(|j| {
        let (tl, log) = (tl.clone(), Rc::clone(&log));
        async move {
            job(tl, j, unit).await;
            log.borrow_mut().push(j.name);
        }
    });
    futures::future::join_all(jobs).await;
    log.take()
}
// ANCHOR_END: local

// ANCHOR: many
/// `tasks` tasks that each sleep one unit: they wait together.
pub async fn many(tl: Timeline, tasks: usize, unit: Duration) -> usize {
    let handles: Vec<_> = (0..tasks)
        .map(|i| {
            let tl = tl.clone();
            task::spawn(async move {
                let record = tl.start(&many_name(i));
                task::sleep(unit).await;
                record.done(())
            })
        })
        .collect();
    let mut done = 0;
    for handle in handles {
        handle.await;
        done += 1;
    }
    done
}
// ANCHOR_END: many
