//! Wrong answer: a flag and a `tokio::sync::Notify`; `open` sets the flag
//! and calls `notify_waiters`, `close` clears the flag without ringing, and
//! `pass` looks at the flag, and if it is closed, passes on the next
//! notification without looking again.
//!
//! Why a student writes it: only `open` rings, so a task woken must have
//! been woken by an open gate; this is also what Python's `Event.wait`
//! does. But a gate opened and closed again before the woken task runs
//! (a green too short for it) is closed when the task passes it: a task
//! woken must look at the flag again. And the `Notified` is created after
//! the look, so an `open` from another thread in between is lost.

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
        if !self.is_open() {
            self.bell.notified().await;
        }
    }
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}
