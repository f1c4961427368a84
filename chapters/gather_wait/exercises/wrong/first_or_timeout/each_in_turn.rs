//! Wrong answer: it runs the jobs one at a time, each under the timeout, and
//! returns the value of the first one that finishes in time.
//!
//! Why a student writes it: it reads like Python's `for job in jobs: try:
//! return await asyncio.wait_for(job, timeout)`, and "the first result"
//! sounds like "the first job that gives one". But the jobs never race: the
//! first in the list wins whenever it finishes in time, however slow it is,
//! the others never start, and the timeout is given again to each job
//! instead of once to the whole search. You cannot know in advance which job
//! answers first: start them all, take the first that finishes, cancel the
//! rest. The checks look at the timeline and see that only one job started.

use exercise_support::{Job, Runtime, Timeline};
use std::time::Duration;

pub const RUNTIME: Runtime = Runtime::Smol;

pub async fn first_or_timeout(
    timeline: Timeline,
    jobs: Vec<Job>,
    timeout: Duration,
) -> Option<u32> {
    use smol::future::FutureExt as _;
    for job in jobs {
        let value = async { Some(job.run(timeline.clone()).await) }
            .or(async {
                smol::Timer::after(timeout).await;
                None
            })
            .await;
        if value.is_some() {
            return value;
        }
    }
    None
}
