//! Wrong answer: each job is spawned on smol and its `Task` dropped at the
//! end of the loop's turn, as a tokio `JoinHandle` may be.
//!
//! Why a student writes it: the function returns at once and the caller
//! never awaits the jobs, so the handles seem useless, and on tokio or
//! async-std dropping one detaches the task, which runs on. A smol `Task`
//! is different: dropping it cancels the task. Every job is cancelled before
//! it finishes, its sender goes with it, and the caller's receiver ends
//! with no report at all. `smol::spawn(...).detach()` is what lets it run.

use exercise_support::{Job, Runtime, Timeline};
use futures::FutureExt as _;
use futures::channel::mpsc::{self, UnboundedReceiver};

pub const RUNTIME: Runtime = Runtime::Smol;

pub fn report(name: &str, value: u32) -> String {
    format!("{name}: {value}")
}

pub fn reports_as_done(timeline: Timeline, jobs: Vec<Job>) -> UnboundedReceiver<String> {
    let (tx, rx) = mpsc::unbounded();
    for job in jobs {
        let (tx, name) = (tx.clone(), job.name);
        let _task = smol::spawn(job.run(timeline.clone()).map(move |value| {
            let _ = tx.unbounded_send(report(name, value));
        }));
    }
    rx
}
