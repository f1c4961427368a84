//! Wrong answer: a `tokio::sync::Notify`: `open` calls `notify_waiters`,
//! `close` does nothing, and `is_open` is a flag beside it.
//!
//! Why a student writes it: `notify_waiters` wakes every task waiting,
//! which is what opening the gate does to them. But `pass` waits for a
//! notification whatever the flag says: a task that comes while the gate
//! is open waits for the next `open`.

use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::Notify;

pub struct Gate {
    open: AtomicBool,
    bell: Notify,
}

impl Gate {
    pub fn new() -> Self {
        Gate {
            open: AtomicBool::new(false),
            bell: Notify::new(),
        }
    }

    pub fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
        self.bell.notify_waiters();
    }

    pub fn close(&self) {
        self.open.store(false, Ordering::SeqCst);
    }

    pub fn is_open(&self) -> bool {
        self.open.load(Ordering::SeqCst)
    }

    pub async fn pass(&self) {
        self.bell.notified().await;
    }
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}
