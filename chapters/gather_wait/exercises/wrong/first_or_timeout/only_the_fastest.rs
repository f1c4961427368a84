//! Wrong answer: it picks the job with the shortest delay and races only that
//! one against the timer. The other jobs never start.
//!
//! Why a student writes it: a `Job`'s delay is public, and the fastest value
//! comes back at the right time, so "the first result" looks done without
//! racing anything. But in real code nobody knows in advance which request
//! answers first: the lesson is to start them all, take the first that
//! finishes, and cancel the rest. The checks look at the timeline: every job
//! must start, and each loser must be cancelled when the winner finishes.

use exercise_support::{Job, Runtime, Timeline};
use std::time::Duration;

pub const RUNTIME: Runtime = Runtime::Smol;

pub async fn first_or_timeout(
    timeline: Timeline,
    jobs: Vec<Job>,
    timeout: Duration,
) -> Option<u32> {
    use smol::future::FutureExt as _;
    let fastest = jobs.into_iter().min_by_key(|job| job.delay)?;
    async { Some(fastest.run(timeline).await) }
        .or(async {
            smol::Timer::after(timeout).await;
            None
        })
        .await
}
