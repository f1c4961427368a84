//! Wrong answer: drops the handle to stop the task.
//!
//! Why a student writes it: dropping a future cancels it, and in smol
//! dropping a `Task` cancels the task. But a tokio `JoinHandle` dropped
//! detaches its task, which runs on; and nothing is learned of how it ended.

use tokio::task::JoinHandle;

#[derive(Debug, PartialEq)]
pub enum Ended {
    Finished(u32),
    Cancelled,
    Panicked(String),
}

pub async fn stop(handle: JoinHandle<u32>) -> Ended {
    if handle.is_finished() {
        return match handle.await {
            Ok(value) => Ended::Finished(value),
            Err(e) => Ended::Panicked(format!("{e}")),
        };
    }
    drop(handle);
    Ended::Cancelled
}
