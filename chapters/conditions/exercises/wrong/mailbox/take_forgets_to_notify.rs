//! Wrong answer: `put` notifies, `take` does not.
//!
//! Why a student writes it: a notify feels like "here is a letter", which
//! only `put` has to say. But a poster waiting on a full box waits for
//! "the box is empty", and nobody says it.

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
