//! Wrong answer: no condition variable; each side takes the lock, looks,
//! lets go, yields the CPU, and looks again.
//!
//! Why a student writes it: it is correct, and `yield_now` sounds polite.
//! But a waiting thread never sleeps: it keeps a core busy for as long as
//! it waits.

use std::sync::Mutex;

pub struct Mailbox<T> {
    slot: Mutex<Option<T>>,
}

impl<T> Mailbox<T> {
    pub fn new() -> Mailbox<T> {
        Mailbox {
            slot: Mutex::new(None),
        }
    }

    pub fn put(&self, letter: T) {
        let mut letter = Some(letter);
        loop {
            let mut slot = self.slot.lock().unwrap();
            if slot.is_none() {
                *slot = letter.take();
                return;
            }
            drop(slot);
            std::thread::yield_now();
        }
    }

    pub fn take(&self) -> T {
        loop {
            if let Some(letter) = self.slot.lock().unwrap().take() {
                return letter;
            }
            std::thread::yield_now();
        }
    }
}

impl<T> Default for Mailbox<T> {
    fn default() -> Self {
        Self::new()
    }
}
