//! Wrong answer: each side checks the box once, with `if`, waits once,
//! then goes on.
//!
//! Why a student writes it: it reads like "if the box is empty, wait for a
//! letter". But `notify_all` wakes every waiting taker for one letter: the
//! first takes it, the others go on with an empty box.

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
        let mut slot = self.slot.lock().unwrap();
        if slot.is_some() {
            slot = self.changed.wait(slot).unwrap();
        }
        *slot = Some(letter);
        self.changed.notify_all();
    }

    pub fn take(&self) -> T {
        let mut slot = self.slot.lock().unwrap();
        if slot.is_none() {
            slot = self.changed.wait(slot).unwrap();
        }
        let letter = slot.take().expect("woken, so there must be a letter");
        self.changed.notify_all();
        letter
    }
}

impl<T> Default for Mailbox<T> {
    fn default() -> Self {
        Self::new()
    }
}
