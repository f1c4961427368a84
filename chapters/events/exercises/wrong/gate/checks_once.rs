//! Wrong answer: a flag and a `Notify` rung (`notify_waiters`) by both
//! `open` and `close`; `pass` looks at the flag once, and after a
//! notification passes without looking again.
//!
//! Why a student writes it: ringing on every change seems the safe side,
//! and looking once before sleeping seems enough. But a task woken by a
//! `close` passes a closed gate: after waking, look at the flag again.

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
        self.bell.notify_waiters();
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
