// Exercise `reports_as_done`: replace the `todo` below with your code, then run
// `cargo exercise check reports_as_done`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! Reports as each job finishes. The Python you are replacing:
//!
//! ```text
//! def report_into(queue, name, task):
//!     queue.put_nowait(f"{name}: {task.result()}")
//!
//! queue = asyncio.Queue()
//! for job in jobs:
//!     task = asyncio.create_task(job.run())
//!     task.add_done_callback(partial(report_into, queue, job.name))
//! ```
//!
//! Start every job at once and return at once. When a job finishes, send
//! `report(job.name, value)` into the channel whose receiver you return, so
//! that the caller can await each report as soon as its job is done. Once
//! every job has reported, the channel must end (the receiver gives `None`).
//!
//! A job's value does not say which job it came from: the name must travel
//! with it, as `partial` carried it in Python. Tools: a `move` closure with
//! `futures::FutureExt::map` or `inspect`, or an `async move` block;
//! `futures::channel::mpsc::unbounded`, which works on every runtime; a
//! spawn (`tokio::spawn`, `async_std::task::spawn`, `smol::spawn`). Set
//! `RUNTIME` to match.
//!
//! A job's delay and value are private, and the checks draw new values for
//! every run: the only way to a job's value is to await `job.run(...)`.

use exercise_support::{Job, Runtime, Timeline};
use futures::channel::mpsc::{self, UnboundedReceiver};

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Smol;

/// The callback's work: it needs the job's name as well as its value.
pub fn report(name: &str, value: u32) -> String {
    format!("{name}: {value}")
}

/// Starts every job (`job.run(timeline.clone())`) and returns at once; each
/// job's report arrives on the receiver as soon as the job finishes.
pub fn reports_as_done(timeline: Timeline, jobs: Vec<Job>) -> UnboundedReceiver<String> {
    todo!("start every job; send each job's report when it finishes")
}
