//! Wrong answer: it gathers every job, then sends the reports, in the order
//! the jobs were given.
//!
//! Why a student writes it: `join_all` (Python's `gather`) is the first
//! tool for "run them all at once", it keeps each value beside its job's
//! name, and the reports come out right. But a gather hands back nothing
//! until the slowest job is done: b's report, ready after 100 ms, waits 200
//! ms more for a's, and the reports come in the order given instead of the
//! order the jobs finished. A done-callback runs when *its* job is done.

use async_std::task;
use exercise_support::{Job, Runtime, Timeline};
use futures::channel::mpsc::{self, UnboundedReceiver};

pub const RUNTIME: Runtime = Runtime::AsyncStd;

pub fn report(name: &str, value: u32) -> String {
    format!("{name}: {value}")
}

pub fn reports_as_done(timeline: Timeline, jobs: Vec<Job>) -> UnboundedReceiver<String> {
    let (tx, rx) = mpsc::unbounded();
    task::spawn(async move {
        let names: Vec<&str> = jobs.iter().map(|job| job.name).collect();
        let values =
            futures::future::join_all(jobs.into_iter().map(|job| job.run(timeline.clone()))).await;
        for (name, value) in names.into_iter().zip(values) {
            let _ = tx.unbounded_send(report(name, value));
        }
    });
    rx
}
