//! Gather in order: start every job at once, then return their values in the
//! order the jobs were given (like `asyncio.gather`).
//!
//! Use the runtime you like: spawn with `tokio::spawn`, `async_std::task::spawn`
//! or `smol::spawn`, or poll the futures together with
//! `futures::future::join_all`. Set `RUNTIME` to match.
//!
//! A job's delay and value are private, and the checks draw new values for
//! every run: the only way to a job's value is to await `job.run(...)`.

use exercise_support::{Job, Runtime, Timeline, unless_cancelled};

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Tokio;

/// Runs every job (`job.run(timeline.clone())`) concurrently and returns
/// their values in the order of `jobs`.
pub async fn gather_in_order(timeline: Timeline, jobs: Vec<Job>) -> Vec<u32> {
    // BEGIN SOLUTION
    let handles: Vec<_> = jobs
        .into_iter()
        .map(|job| tokio::spawn(job.run(timeline.clone())))
        .collect();
    let mut values = Vec::new();
    for handle in handles {
        // A JoinError is a cancellation (nothing cancels these) or the
        // job's panic, which `unless_cancelled` passes on with its message.
        values.push(unless_cancelled(handle.await).expect("nothing cancels these jobs"));
    }
    values
    // END SOLUTION
    // STARTER todo!("start every job, then collect their values in order")
}
