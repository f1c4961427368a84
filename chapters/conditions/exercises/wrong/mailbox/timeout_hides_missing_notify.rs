//! Wrong answer: `take` does not notify, and `put` waits with a time
//! limit (`wait_timeout_while`, 20 ms) in a loop, so it looks again anyway.
//!
//! Why a student writes it: the first version (no notify in `take`) hung,
//! and a timeout made the hang go away. But the missing notify is still
//! there, only hidden: a poster waiting on a full box is never told that
//! it was emptied, and finds out up to 20 ms later, waking fifty times a
//! second meanwhile. The fix is the notify, not the timeout.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

pub struct Mailbox<T> {
    slot: Mutex<Option<T>>,
    changed: Condvar,
}

impl<T> Mailbox<T> {
    pub fn new() -> Mailbox<T> {
        Mailbox {
            slot: Mutex::new(None),
            changed: Condvar::new(),
        }
    }

    pub fn put(&self, letter: T) {
        let mut slot = self.slot.lock().unwrap();
        while slot.is_some() {
            slot = self
                .changed
                .wait_timeout_while(slot, Duration::from_millis(20), |s| s.is_some())
                .unwrap()
                .0;
        }
        *slot = Some(letter);
        self.changed.notify_all();
    }

    pub fn take(&self) -> T {
        let slot = self.slot.lock().unwrap();
        let mut slot = self.changed.wait_while(slot, |s| s.is_none()).unwrap();
        slot.take().unwrap()
    }
}

impl<T> Default for Mailbox<T> {
    fn default() -> Self {
        Self::new()
    }
}
