//! Wrong answer: a `tokio::sync::Notify`, fired with `notify_waiters`.
//!
//! Why a student writes it: `notify_waiters` wakes every task waiting,
//! which sounds like Python's `Event.set`. But a `Notify` keeps no state:
//! a worker that calls `wait` after the signal fired waits forever.

use tokio::sync::Notify;

pub struct StartSignal {
    bell: Notify,
}

impl StartSignal {
    pub fn new() -> Self {
        StartSignal {
            bell: Notify::new(),
        }
    }

    pub fn fire(&self) {
        self.bell.notify_waiters();
    }

    pub async fn wait(&self) {
        self.bell.notified().await;
    }
}

impl Default for StartSignal {
    fn default() -> Self {
        StartSignal::new()
    }
}
