// Exercise `first_or_timeout`: replace the `todo` below with your code, then run
// `cargo exercise check first_or_timeout`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! First or timeout: return the value of whichever job finishes first, or
//! `None` if none finishes within `timeout`. Either way, the jobs still
//! running must be cancelled: they must never finish.
//!
//! Tools: `futures::future::select_all`, `tokio::select!`,
//! `tokio::time::timeout`, `async_std::future::timeout`, smol's `or` with a
//! `Timer`, `FuturesUnordered`. Set `RUNTIME` to match.
//!
//! A job's delay and value are private, as a request's latency and answer
//! are: you cannot know in advance which job finishes first, and the only
//! way to a job's value is to await `job.run(...)`.

use exercise_support::{Job, Runtime, Timeline};
use std::time::Duration;

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Smol;

/// The first job's value, or `None` after `timeout`; the others cancelled.
pub async fn first_or_timeout(
    timeline: Timeline,
    jobs: Vec<Job>,
    timeout: Duration,
) -> Option<u32> {
    todo!("race the jobs against each other and against a timer")
}
