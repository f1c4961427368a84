//! The task scenarios on smol.

use crate::scenario::*;
use harness::Timeline;
use smol::{LocalExecutor, Timer};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

// ANCHOR: block_on
/// Runs a future to completion on the calling thread; `smol::spawn` puts
/// tasks on a global executor with threads of its own.
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
}
// ANCHOR_END: block_on

/// Waits the job's delay, then returns its units.
async fn job(tl: Timeline, job: Job, unit: Duration) -> u32 {
    let record = tl.start(job.name);
    Timer::after(job.delay(unit)).await;
    record.done(job.units)
}

// ANCHOR: states
/// Spawns a job and looks at its `Task` now and then with `is_finished`.
/// The `Task` is itself a future whose output is the job's result.
pub async fn states(tl: Timeline, unit: Duration) -> States {
    let task = smol::spawn(job(tl, WATCHED, unit));
    let mut seen = Vec::new();
    let mut now = 0;
    for at in LOOK_AT_UNITS {
        Timer::after(unit * (at - now)).await;
        now = at;
        seen.push(if task.is_finished() {
            "finished"
        } else {
            "pending"
        });
    }
    let result = task.await;
    States { seen, result }
}
// ANCHOR_END: states

// ANCHOR: cancel
/// Cancels both jobs after 2 units: `cancel().await` returns `None` if the
/// job was stopped, its result if it had finished.
pub async fn cancel(tl: Timeline, unit: Duration) -> [Option<u32>; 2] {
    let tasks = SHORT_AND_LONG.map(|j| smol::spawn(job(tl.clone(), j, unit)));
    Timer::after(unit * CANCEL_AT_UNITS).await;
    let mut results = [None, None];
    for (result, task) in results.iter_mut().zip(tasks) {
        *result = task.cancel().await;
    }
    results
}
// ANCHOR_END: cancel

// ANCHOR: drop_handle
/// Drops the `Task` while the job waits: in smol that cancels the task.
/// (`task.detach()` is how to let it run on.)
pub async fn drop_handle(tl: Timeline, unit: Duration) -> &'static str {
    let task = smol::spawn(job(tl.clone(), DROPPED, unit));
    Timer::after(unit * DROP_AT_UNITS).await; // the job is waiting now
    drop(task);
    Timer::after(unit * AFTER_DROP_UNITS).await;
    fate(&tl, DROPPED.name)
}
// ANCHOR_END: drop_handle

// ANCHOR: local
/// Tasks that share an `Rc` are not `Send`: `smol::spawn` refuses them.
/// A `LocalExecutor` runs them on the thread that runs it.
pub async fn local(tl: Timeline, unit: Duration) -> Vec<&'static str> {
    let log = Rc::new(RefCell::new(Vec::new()));
    let local = LocalExecutor::new();
    local
        .run(async {
            let tasks = LOCAL_JOBS.map(|j| {
                let (tl, log) = (tl.clone(), Rc::clone(&log));
                local.spawn(async move {
                    job(tl, j, unit).await;
                    log.borrow_mut().push(j.name);
                })
            });
            for task in tasks {
                task.await;
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
            smol::spawn(async move {
                let record = tl.start(&many_name(i));
                Timer::after(unit).await;
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
