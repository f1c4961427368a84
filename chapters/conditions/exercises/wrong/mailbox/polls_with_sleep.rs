//! Wrong answer: no condition variable; each side takes the lock, looks,
//! lets go, sleeps 5 ms, and looks again.
//!
//! Why a student writes it: it is correct, it does not spin like a
//! `yield_now` loop, and 5 ms sounds quick. But a waiting thread is woken
//! two hundred times a second for nothing, each letter waits up to 5 ms
//! after the box changed, and a shorter sleep only trades that delay for
//! more wake-ups. A condition lets the thread sleep until the box changes
//! and wakes it then.

use std::sync::Mutex;
use std::time::Duration;

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
            {
                let mut slot = self.slot.lock().unwrap();
                if slot.is_none() {
                    *slot = letter.take();
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn take(&self) -> T {
        loop {
            if let Some(letter) = self.slot.lock().unwrap().take() {
                return letter;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl<T> Default for Mailbox<T> {
    fn default() -> Self {
        Self::new()
    }
}
