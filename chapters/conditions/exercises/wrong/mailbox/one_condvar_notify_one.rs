//! Wrong answer: one condition for both "not full" and "not empty", and
//! `notify_one` after each change.
//!
//! Why a student writes it: one letter moves at a time, so waking one
//! thread looks enough. But posters and takers sleep on the same
//! condition: a taker's notify can wake another taker (or a poster's
//! another poster), who finds nothing to do and sleeps again, while the
//! thread that could go on is never woken. With several of each, sooner or
//! later everyone sleeps.

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
        let slot = self.slot.lock().unwrap();
        let mut slot = self.changed.wait_while(slot, |s| s.is_some()).unwrap();
        *slot = Some(letter);
        self.changed.notify_one();
    }

    pub fn take(&self) -> T {
        let slot = self.slot.lock().unwrap();
        let mut slot = self.changed.wait_while(slot, |s| s.is_none()).unwrap();
        let letter = slot.take().expect("the wait ends only when there is a letter");
        self.changed.notify_one();
        letter
    }
}

impl<T> Default for Mailbox<T> {
    fn default() -> Self {
        Self::new()
    }
}
