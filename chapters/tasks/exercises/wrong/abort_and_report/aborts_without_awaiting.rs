//! Wrong answer: asks the task to stop and reports "cancelled" without
//! waiting for the answer.
//!
//! Why a student writes it: asyncio's `task.cancel()` returns at once, and
//! `abort()` too; a finished task is checked first with `is_finished()`, so
//! the rest "must" be cancelled. But `abort()` only asks: on a
//! multi-threaded runtime a worker drops the task a moment later, so when
//! `stop` returns the task may still be there, and a task that finishes
//! (or panics) between the check and the abort is reported wrongly.

use tokio::task::JoinHandle;

#[derive(Debug, PartialEq)]
pub enum Ended {
    Finished(u32),
    Cancelled,
    Panicked(String),
}

pub async fn stop(handle: JoinHandle<u32>) -> Ended {
    if !handle.is_finished() {
        handle.abort();
        return Ended::Cancelled;
    }
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
                String::new()
            };
            Ended::Panicked(message)
        }
    }
}
