//! The task scenarios on tokio.

use crate::scenario::*;
use harness::{Timeline, unless_cancelled};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

// ANCHOR: block_on
/// Runs a future to completion on a new multi-threaded runtime, the kind
/// `#[tokio::main]` builds.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}
// ANCHOR_END: block_on

// ANCHOR: helpers
/// Waits the job's delay, then returns its units.
async fn job(tl: Timeline, job: Job, unit: Duration) -> u32 {
    let record = tl.start(job.name);
    tokio::time::sleep(job.delay(unit)).await;
    record.done(job.units)
}
// ANCHOR_END: helpers

// ANCHOR: states
/// Spawns a job and looks at its handle now and then; `is_finished` is
/// what `task.done()` is in asyncio. The handle is itself a future: its
/// output is the job's result, or a `JoinError` if it was cancelled or
/// panicked.
pub async fn states(tl: Timeline, unit: Duration) -> States {
    let handle = tokio::spawn(job(tl, WATCHED, unit));
    let mut seen = Vec::new();
    let mut now = 0;
    for at in LOOK_AT_UNITS {
        tokio::time::sleep(unit * (at - now)).await;
        now = at;
        seen.push(if handle.is_finished() {
            "finished"
        } else {
            "pending"
        });
    }
    let result = unless_cancelled(handle.await).expect("nothing cancels the job");
    States { seen, result }
}
// ANCHOR_END: states

// ANCHOR: cancel
/// Cancels both jobs after 2 units. `abort` asks; the `JoinError` from
/// awaiting the handle says it happened. A job that had already finished
/// hands back its result.
pub async fn cancel(tl: Timeline, unit: Duration) -> [Option<u32>; 2] {
    let handles = SHORT_AND_LONG.map(|j| tokio::spawn(job(tl.clone(), j, unit)));
    tokio::time::sleep(unit * CANCEL_AT_UNITS).await;
    let mut results = [None, None];
    for (result, handle) in results.iter_mut().zip(handles) {
        handle.abort();
        *result = unless_cancelled(handle.await);
    }
    results
}
// ANCHOR_END: cancel

// ANCHOR: drop_handle
/// Drops the handle while the job waits: the task is detached and runs on.
pub async fn drop_handle(tl: Timeline, unit: Duration) -> &'static str {
    let handle = tokio::spawn(job(tl.clone(), DROPPED, unit));
    tokio::time::sleep(unit * DROP_AT_UNITS).await; // the job is waiting now
    drop(handle);
    tokio::time::sleep(unit * AFTER_DROP_UNITS).await;
    fate(&tl, DROPPED.name)
}
// ANCHOR_END: drop_handle

// ANCHOR: local
/// Tasks that share an `Rc` are not `Send`: `tokio::spawn` refuses them.
/// A `LocalSet` runs `spawn_local` tasks on the thread that drives it.
pub async fn local(tl: Timeline, unit: Duration) -> Vec<&'static str> {
    let log = Rc::new(RefCell::new(Vec::new()));
    let local = tokio::task::LocalSet::new();
    local
        .run_until(async {
            let handles = LOCAL_JOBS.map(|j| {
                let (tl, log) = (tl.clone(), Rc::clone(&log));
                tokio::task::spawn_local(async move {
                    job(tl, j, unit).await;
                    log.borrow_mut().push(j.name);
                })
            });
            for handle in handles {
                unless_cancelled(handle.await).expect("nothing cancels the jobs");
            }
        })
        .await;
    log.take()
}
// ANCHOR_END: local

// ANCHOR: many
/// `tasks` tasks that each sleep one unit: they wait together.
pub async fn many(tl: Timeline, tasks: usize, unit: Duration) -> usize {
    let handles: Vec<_> = (0..tasks)
        .map(|i| {
            let tl = tl.clone();
            tokio::spawn(async move {
                let record = tl.start(&many_name(i));
                tokio::time::sleep(unit).await;
                record.done(())
            })
        })
        .collect();
    let mut done = 0;
    for handle in handles {
        unless_cancelled(handle.await).expect("nothing cancels these tasks");
        done += 1;
    }
    done
}
// ANCHOR_END: many
