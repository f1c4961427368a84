//! Wrong answer: a flag that `fire` sets, and a `Notify` that `wait`
//! sleeps on, which nobody ever notifies.
//!
//! Why a student writes it: the flag fixes the late worker (it returns at
//! once), and setting it feels like firing the signal. But the workers
//! already asleep are never woken: a flag is read only by those who look.

use std::sync::atomic::{AtomicBool, Ordering};
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
    }

    pub async fn wait(&self) {
        if !self.fired.load(Ordering::SeqCst) {
            self.bell.notified().await;
        }
    }
}

impl Default for StartSignal {
    fn default() -> Self {
        StartSignal::new()
    }
}
