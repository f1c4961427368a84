//! Wrong answer: gives the task a second to finish before aborting it.
//!
//! Why a student writes it: stopping a task "gracefully" sounds kinder, and
//! a task about to finish keeps its result. But `stop` is asyncio's
//! `task.cancel()`: it must stop a waiting task now, not let it run on for
//! up to a second. A task that finishes in that grace time comes back as
//! `Finished` although it was asked to stop while it waited, and every
//! call to `stop` on a waiting task takes a whole second.

use std::time::Duration;
use tokio::task::JoinHandle;

#[derive(Debug, PartialEq)]
pub enum Ended {
    Finished(u32),
    Cancelled,
    Panicked(String),
}

pub async fn stop(mut handle: JoinHandle<u32>) -> Ended {
    let result = match tokio::time::timeout(Duration::from_secs(1), &mut handle).await {
        Ok(result) => result,
        Err(_elapsed) => {
            handle.abort();
            handle.await
        }
    };
    match result {
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
