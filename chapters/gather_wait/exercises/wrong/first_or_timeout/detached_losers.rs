//! Wrong answer: the jobs are spawned as tokio tasks and the first handle to
//! finish wins, but the losers are never cancelled: they run to the end.
//!
//! Why a student writes it: `select_all` over futures cancels the losers when
//! it drops them, so the same code over `JoinHandle`s looks equivalent. It is
//! not: dropping a tokio (or async-std) `JoinHandle` detaches the task, which
//! keeps running, as an `asyncio` task does when you forget it. Each loser
//! needs `abort()` (or a `JoinSet`, which aborts its tasks when dropped). The
//! checks wait after the function returns and see the losers finish.

use exercise_support::{Job, Runtime, Timeline, unless_cancelled};
use std::time::Duration;

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn first_or_timeout(
    timeline: Timeline,
    jobs: Vec<Job>,
    timeout: Duration,
) -> Option<u32> {
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|job| tokio::spawn(job.run(timeline.clone())))
        .collect();
    let first = futures::future::select_all(handles);
    match tokio::time::timeout(timeout, first).await {
        // The other handles are dropped here, and their tasks go on.
        Ok((result, _index, _others)) => unless_cancelled(result),
        Err(_elapsed) => None,
    }
}
