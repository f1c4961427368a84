//! Wrong answer: it starts every job, sleeps for a generous guess at how
//! long the slowest should take, and only then collects the results.
//!
//! Why a student writes it: in Python, `create_task` for each job, `await
//! asyncio.sleep(...)`, then `[t.result() for t in tasks]` works whenever the
//! guess is right, and the checks' delays are there to read in the test file.
//! But a sleep is not synchronisation: it knows nothing of the jobs. The
//! guess here is generous enough that every job is done when it ends (the
//! values come out right), so every call waits for nothing after the last
//! job: the checks want the results within 100 ms of the last job's end.
//! (A reviewer first wrote it reading each job's `delay` and `value` fields;
//! both are private now, so the only way to a value is the job's own output.)

use exercise_support::{Job, Runtime, Timeline, unless_cancelled};
use std::time::Duration;

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn gather_in_order(timeline: Timeline, jobs: Vec<Job>) -> Vec<u32> {
    let handles: Vec<_> = jobs
        .iter()
        .map(|job| tokio::spawn(job.run(timeline.clone())))
        .collect();
    // The checks' longest job takes 300 ms, 600 ms when they double the
    // delays: wait that, and a safe margin.
    tokio::time::sleep(Duration::from_millis(600 + 100)).await;
    let mut values = Vec::new();
    for handle in handles {
        values.push(unless_cancelled(handle.await).expect("nothing cancels these jobs"));
    }
    values
}
