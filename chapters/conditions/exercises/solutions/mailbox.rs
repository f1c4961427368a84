//! A mailbox with room for one letter, shared by OS threads: `put` waits
//! while the box is full, `take` waits while it is empty. Python would
//! write it with a `threading.Condition`; here it is a `Mutex` and a
//! `Condvar`. Nothing may be lost or taken twice, a waiting thread must
//! sleep (not spin), and any number of posters and takers may wait at once.

use std::sync::{Condvar, Mutex};

pub struct Mailbox<T> {
    // BEGIN SOLUTION
    slot: Mutex<Option<T>>,
    /// Notified whenever the slot changes, from full to empty or back.
    changed: Condvar,
    // END SOLUTION
    // STARTER slot: std::marker::PhantomData<T>, // replace with what you need
}

impl<T> Mailbox<T> {
    pub fn new() -> Mailbox<T> {
        // BEGIN SOLUTION
        Mailbox {
            slot: Mutex::new(None),
            changed: Condvar::new(),
        }
        // END SOLUTION
        // STARTER Mailbox { slot: std::marker::PhantomData }
    }

    /// Leaves `letter` in the box, waiting while it is full.
    pub fn put(&self, letter: T) {
        // BEGIN SOLUTION
        let slot = self.slot.lock().unwrap();
        let mut slot = self.changed.wait_while(slot, |s| s.is_some()).unwrap();
        *slot = Some(letter);
        // Posters and takers wait on the same condition: wake them all, and
        // each looks again (notify_one could wake another poster, who goes
        // back to sleep, and the taker would never hear).
        self.changed.notify_all();
        // END SOLUTION
        // STARTER todo!("wait while the box is full, then leave the letter and wake whoever waits")
    }

    /// Takes the letter out of the box, waiting while it is empty.
    pub fn take(&self) -> T {
        // BEGIN SOLUTION
        let slot = self.slot.lock().unwrap();
        let mut slot = self.changed.wait_while(slot, |s| s.is_none()).unwrap();
        let letter = slot.take().expect("the wait ends only when there is a letter");
        self.changed.notify_all();
        letter
        // END SOLUTION
        // STARTER todo!("wait while the box is empty, then take the letter and wake whoever waits")
    }
}

impl<T> Default for Mailbox<T> {
    fn default() -> Self {
        Self::new()
    }
}
