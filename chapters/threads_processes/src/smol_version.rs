//! Which OS threads smol runs a batch of sleeping tasks on.

use crate::scenario::*;
use harness::Timeline;
use smol::Timer;
use std::sync::Arc;
use std::time::Duration;

// ANCHOR: block_on
/// Runs a future on this thread. `smol::spawn` puts tasks on smol's global
/// executor, which runs them on one thread of its own unless `SMOL_THREADS`
/// says more.
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
}
// ANCHOR_END: block_on

// ANCHOR: sleepers
/// `tasks` tasks that each sleep `nap`, and say which thread they woke on.
pub async fn sleepers(tl: Timeline, tasks: usize, nap: Duration) -> Vec<OnThread> {
    let threads = Arc::new(ThreadNumbers::default());
    let mut handles = Vec::new();
    for i in 0..tasks {
        let (tl, threads) = (tl.clone(), threads.clone());
        handles.push(smol::spawn(async move {
            let record = tl.start(&lane("task", i));
            Timer::after(nap).await;
            record.done(threads.current())
        }));
    }
    futures::future::join_all(handles).await
}
// ANCHOR_END: sleepers
