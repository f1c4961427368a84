//! Wrong answer: awaits the task without asking it to stop.
//!
//! Why a student writes it: awaiting is how to get a task's result, and
//! the panics come out right. But a waiting task is not stopped: `stop`
//! waits for its whole job.

use tokio::task::JoinHandle;

#[derive(Debug, PartialEq)]
pub enum Ended {
    Finished(u32),
    Cancelled,
    Panicked(String),
}

pub async fn stop(handle: JoinHandle<u32>) -> Ended {
    match handle.await {
        Ok(value) => Ended::Finished(value),
        Err(e) if e.is_cancelled() => Ended::Cancelled,
        Err(e) => {
            let payload = e.into_panic();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Ended::Panicked(message)
        }
    }
}
