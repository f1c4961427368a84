//! Wrong answer: a flag and a `Notify` rung by `open`, and `pass` also
//! looks at the flag every 70 ms, "in case a notification is missed".
//!
//! Why a student writes it: the timer looks like a safety net for the
//! lost wake-up the chapter warns about. But it is a poll: every task at a
//! red light is woken fourteen times a second for nothing, however long
//! the red, and it hides the race instead of fixing it (a missed `open` is
//! seen up to 70 ms late). Create the `Notified` before looking at the
//! flag and no timer is needed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
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
        while !self.is_open() {
            let _ = tokio::time::timeout(Duration::from_millis(70), self.bell.notified()).await;
        }
    }
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}
