//! Wrong answer: it starts every job, sleeps for as long as the longest job
//! should take plus a margin, then takes the results without awaiting the
//! jobs.
//!
//! Why a student writes it: in Python, `create_task` for each job, `await
//! asyncio.sleep(...)`, then `[t.result() for t in tasks]` works whenever the
//! guess is right, and the checks' delays are there to read in the test file.
//! But a sleep is not synchronisation: it knows nothing of the jobs. When
//! they take longer than the guess (a slower server, a busy machine) a result
//! is missing; when they take less, every call waits for nothing. The checks
//! run the jobs once more with twice the delays, and this guess falls short.
//! (A reviewer first wrote it reading each job's `delay` and `value` fields;
//! both are private now, so the only way to a value is the job's own output.)

use exercise_support::{Job, Runtime, Timeline, unless_cancelled};
use futures::FutureExt as _;
use std::time::Duration;

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn gather_in_order(timeline: Timeline, jobs: Vec<Job>) -> Vec<u32> {
    let handles: Vec<_> = jobs
        .iter()
        .map(|job| tokio::spawn(job.run(timeline.clone())))
        .collect();
    // The longest job in the checks takes 300 ms: wait that, and a little more.
    tokio::time::sleep(Duration::from_millis(300 + 50)).await;
    handles
        .into_iter()
        .map(|handle| {
            let finished = handle.now_or_never().expect("every job is done by now");
            unless_cancelled(finished).expect("nothing cancels these jobs")
        })
        .collect()
}
