//! Wrong answer: a flag and a `Notify` rung by `fire`, and `wait` also
//! looks at the flag every 70 ms, "in case a notification is missed".
//!
//! Why a student writes it: the timer looks like a safety net for the
//! lost wake-up the chapter warns about. But it is a poll: every waiting
//! worker is woken fourteen times a second for nothing, for as long as it
//! waits, and it hides the race instead of fixing it (a missed `fire` is
//! seen up to 70 ms late). Create the `Notified` before looking at the
//! flag and no timer is needed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::Notify;

pub struct StartSignal {
    fired: AtomicBool,
    bell: Notify,
}

impl StartSignal {
    pub fn new() -> Self {
        StartSignal {
            fired: AtomicBool::new(false),
            bell: Notify::new(),
        }
    }

    pub fn fire(&self) {
        self.fired.store(true, Ordering::SeqCst);
        self.bell.notify_waiters();
    }

    pub async fn wait(&self) {
        while !self.fired.load(Ordering::SeqCst) {
            let _ = tokio::time::timeout(Duration::from_millis(70), self.bell.notified()).await;
        }
    }
}

impl Default for StartSignal {
    fn default() -> Self {
        StartSignal::new()
    }
}
