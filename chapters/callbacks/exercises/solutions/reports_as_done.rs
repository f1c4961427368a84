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
    // BEGIN SOLUTION
    use futures::FutureExt as _;
    let (tx, rx) = mpsc::unbounded();
    for job in jobs {
        let (tx, name) = (tx.clone(), job.name);
        let with_callback = job.run(timeline.clone()).map(move |value| {
            // Fails only if the caller dropped the receiver: nobody listens.
            let _ = tx.unbounded_send(report(name, value));
        });
        // A dropped smol Task cancels its job: detach it so that it runs on.
        smol::spawn(with_callback).detach();
    }
    // The original sender is dropped here, each clone when its job ends:
    // then the receiver ends.
    rx
    // END SOLUTION
    // STARTER todo!("start every job; send each job's report when it finishes")
}
