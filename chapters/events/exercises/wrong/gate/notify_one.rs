//! Wrong answer: a flag, and a `Notify` that `open` rings with
//! `notify_one`.
//!
//! Why a student writes it: the flag lets a task through an open gate at
//! once, and `notify_one` cannot be missed (it stores a permit). But it
//! wakes one task: of five tasks waiting at the closed gate, one passes
//! when it opens, and four wait on.

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
        self.bell.notify_one();
    }

    pub fn close(&self) {
        self.open.store(false, Ordering::SeqCst);
    }

    pub fn is_open(&self) -> bool {
        self.open.load(Ordering::SeqCst)
    }

    pub async fn pass(&self) {
        while !self.is_open() {
            self.bell.notified().await;
        }
    }
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}
