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
    // BEGIN SOLUTION
    handle.abort();
    match handle.await {
        Ok(value) => Ended::Finished(value),
        Err(e) if e.is_cancelled() => Ended::Cancelled,
        Err(e) => {
            let payload = e.into_panic();
            let message = if let Some(s) = payload.downcast_ref::<&str>() {
                s.to_string()
            } else if let Some(s) = payload.downcast_ref::<String>() {
                s.clone()
            } else {
                "a panic without a message".to_string()
            };
            Ended::Panicked(message)
        }
    }
    // END SOLUTION
    // STARTER todo!("stop the task, then find out how it ended")
}
