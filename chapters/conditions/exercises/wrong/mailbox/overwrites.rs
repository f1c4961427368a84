//! Wrong answer: `put` does not wait for the box to be empty; it puts the
//! letter in, replacing whatever was there.
//!
//! Why a student writes it: "wait while the box is empty" is the half
//! everyone remembers; a full box is the other half of the condition. The
//! letter that was there is lost.

use std::sync::{Condvar, Mutex};

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
        *self.slot.lock().unwrap() = Some(letter);
        self.changed.notify_all();
    }

    pub fn take(&self) -> T {
        let slot = self.slot.lock().unwrap();
        let mut slot = self.changed.wait_while(slot, |s| s.is_none()).unwrap();
        slot.take().expect("the wait ends only when there is a letter")
    }
}

impl<T> Default for Mailbox<T> {
    fn default() -> Self {
        Self::new()
    }
}
