//! Wrong answer: a flag, and `pass` yields to the runtime until it is set.
//!
//! Why a student writes it: `yield_now` lets the other tasks run, so the
//! loop does not block the thread, and a task passes the moment the gate
//! opens. But the task is polled over and over while it waits, and keeps
//! a core busy doing nothing; a wait should sleep until it is woken.

use std::sync::atomic::{AtomicBool, Ordering};

pub struct Gate {
    open: AtomicBool,
}

impl Gate {
    pub fn new() -> Self {
        Gate {
            open: AtomicBool::new(false),
        }
    }

    pub fn open(&self) {
        self.open.store(true, Ordering::SeqCst);
    }

    pub fn close(&self) {
        self.open.store(false, Ordering::SeqCst);
    }

    pub fn is_open(&self) -> bool {
        self.open.load(Ordering::SeqCst)
    }

    pub async fn pass(&self) {
        while !self.is_open() {
            tokio::task::yield_now().await;
        }
    }
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}
