//! Which OS threads tokio runs a batch of sleeping tasks on, with its
//! multi-threaded scheduler (what `#[tokio::main]` builds) and its
//! current-thread one.

use crate::scenario::*;
use harness::Timeline;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinSet;

// ANCHOR: runtimes
/// What `#[tokio::main]` builds: one worker thread per core.
pub fn multi_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .build()
        .expect("could not start the tokio runtime")
}

/// What `#[tokio::main(flavor = "current_thread")]` builds: the tasks run
/// on the thread that calls `block_on`.
pub fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("could not start the tokio runtime")
}
// ANCHOR_END: runtimes

// ANCHOR: sleepers
/// `tasks` tasks that each sleep `nap`, and say which thread they woke on.
pub async fn sleepers(tl: Timeline, tasks: usize, nap: Duration) -> Vec<OnThread> {
    let threads = Arc::new(ThreadNumbers::default());
    let mut set = JoinSet::new();
    for i in 0..tasks {
        let (tl, threads) = (tl.clone(), threads.clone());
        set.spawn(async move {
            let record = tl.start(&lane("task", i));
            tokio::time::sleep(nap).await;
            record.done(threads.current())
        });
    }
    let mut woke_on = Vec::new();
    while let Some(joined) = set.join_next().await {
        woke_on.extend(harness::unless_cancelled(joined)); // nothing cancels them
    }
    woke_on
}
// ANCHOR_END: sleepers
