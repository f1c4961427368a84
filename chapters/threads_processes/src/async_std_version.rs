//! Which OS threads async-std runs a batch of sleeping tasks on.
//!
//! async-std was discontinued by its maintainers in 2025; the book keeps
//! comparing it, and points to smol.

use crate::scenario::*;
use async_std::task;
use harness::Timeline;
use std::sync::Arc;
use std::time::Duration;

// ANCHOR: block_on
/// Runs a future on this thread; `task::spawn` puts tasks on async-std's
/// global executor and its own threads.
pub fn block_on<F: Future>(future: F) -> F::Output {
    task::block_on(future)
}
// ANCHOR_END: block_on

// ANCHOR: sleepers
/// `tasks` tasks that each sleep `nap`, and say which thread they woke on.
pub async fn sleepers(tl: Timeline, tasks: usize, nap: Duration) -> Vec<OnThread> {
    let threads = Arc::new(ThreadNumbers::default());
    let mut handles = Vec::new();
    for i in 0..tasks {
        let (tl, threads) = (tl.clone(), threads.clone());
        handles.push(task::spawn(async move {
            let record = tl.start(&lane("task", i));
            task::sleep(nap).await;
            record.done(threads.current())
        }));
    }
    futures::future::join_all(handles).await
}
// ANCHOR_END: sleepers
