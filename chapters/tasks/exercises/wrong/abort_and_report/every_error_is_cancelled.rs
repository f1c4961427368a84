//! Wrong answer: every `JoinError` is taken for a cancellation.
//!
//! Why a student writes it: they asked for a cancel, so an error must be
//! the cancel. But a task that panicked also ends in a `JoinError`, and
//! calling it "cancelled" hides the bug and its message.

use tokio::task::JoinHandle;

#[derive(Debug, PartialEq)]
pub enum Ended {
    Finished(u32),
    Cancelled,
    Panicked(String),
}

pub async fn stop(handle: JoinHandle<u32>) -> Ended {
    handle.abort();
    match handle.await {
        Ok(value) => Ended::Finished(value),
        Err(_) => Ended::Cancelled,
    }
}
