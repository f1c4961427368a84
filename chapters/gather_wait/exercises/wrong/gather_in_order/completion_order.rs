//! Wrong answer: the values come back in the order the jobs *finished*, not
//! the order they were given.
//!
//! Why a student writes it: `JoinSet::join_all` reads like "gather them all",
//! and every job does start at once, so the timing is right. But a `JoinSet`
//! is tokio's as-completed tool: `join_all` returns the results in completion
//! order, as `asyncio.as_completed` would, not in submission order as
//! `asyncio.gather` does. The checks give the jobs delays that do not ascend,
//! so the order shows.

use exercise_support::{Job, Runtime, Timeline};

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn gather_in_order(timeline: Timeline, jobs: Vec<Job>) -> Vec<u32> {
    let mut set = tokio::task::JoinSet::new();
    for job in jobs {
        set.spawn(job.run(timeline.clone()));
    }
    set.join_all().await
}
