//! Wrong answer: a flag, and `wait` looks at it every 50 ms.
//!
//! Why a student writes it: it is simple, it never misses the signal, and
//! a late worker goes at once. But a worker goes up to 50 ms after the
//! signal, and every waiting worker is woken twenty times a second for
//! nothing: a wait should sleep until it is woken.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pub struct StartSignal {
    fired: AtomicBool,
}

impl StartSignal {
    pub fn new() -> Self {
        StartSignal {
            fired: AtomicBool::new(false),
        }
    }

    pub fn fire(&self) {
        self.fired.store(true, Ordering::SeqCst);
    }

    pub async fn wait(&self) {
        while !self.fired.load(Ordering::SeqCst) {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Default for StartSignal {
    fn default() -> Self {
        StartSignal::new()
    }
}
