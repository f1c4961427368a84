// Exercise `abort_and_report`: replace the `todo` below with your code, then run
// `cargo exercise check abort_and_report`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! Stop a tokio task, and report how it ended. asyncio's `task.cancel()`
//! then `await task`: `CancelledError` if the cancel took, the result if
//! the task had already finished, and the task's own exception if it
//! failed. In tokio a task's failure is a panic, and the `JoinError`
//! carries it.
//!
//! The checker stops tasks that have finished, tasks that are waiting,
//! and tasks that have panicked, and watches whether each really stopped.

use tokio::task::JoinHandle;

/// How a task ended.
#[derive(Debug, PartialEq)]
pub enum Ended {
    /// It had finished before it could be stopped: its value.
    Finished(u32),
    /// It was stopped while it waited.
    Cancelled,
    /// It had panicked: the panic's message.
    Panicked(String),
}

/// Stops the task behind `handle` and returns how it ended. When this
/// returns, the task no longer runs.
pub async fn stop(handle: JoinHandle<u32>) -> Ended {
    todo!("stop the task, then find out how it ended")
}
