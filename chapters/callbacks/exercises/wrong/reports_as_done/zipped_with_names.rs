//! Wrong answer: the values are collected as the jobs finish, then paired
//! with the names in the order the jobs were given.
//!
//! Why a student writes it: a `FuturesUnordered` hands back the values in
//! the order the jobs finish, which is what the exercise asks for, and the
//! names are right there in a list, so counting the values as they come
//! seems to say whose each one is. But the first value to arrive is b's,
//! not a's: every report gets the wrong name. This is the mistake `partial`
//! exists to prevent in Python: a callback must be told which job it
//! belongs to, and a bare value cannot tell it.

use exercise_support::{Job, Runtime, Timeline};
use futures::StreamExt;
use futures::channel::mpsc::{self, UnboundedReceiver};
use futures::stream::FuturesUnordered;

pub const RUNTIME: Runtime = Runtime::Tokio;

pub fn report(name: &str, value: u32) -> String {
    format!("{name}: {value}")
}

pub fn reports_as_done(timeline: Timeline, jobs: Vec<Job>) -> UnboundedReceiver<String> {
    let (tx, rx) = mpsc::unbounded();
    let names: Vec<&str> = jobs.iter().map(|job| job.name).collect();
    let mut running: FuturesUnordered<_> = jobs
        .into_iter()
        .map(|job| job.run(timeline.clone()))
        .collect();
    tokio::spawn(async move {
        let mut arrived = 0;
        while let Some(value) = running.next().await {
            let _ = tx.unbounded_send(report(names[arrived], value));
            arrived += 1;
        }
    });
    rx
}
