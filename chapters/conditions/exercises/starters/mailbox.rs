// Exercise `mailbox`: replace the `todo` below with your code, then run
// `cargo exercise check mailbox`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! A mailbox with room for one letter, shared by OS threads: `put` waits
//! while the box is full, `take` waits while it is empty. Python would
//! write it with a `threading.Condition`; here it is a `Mutex` and a
//! `Condvar`. Nothing may be lost or taken twice, a waiting thread must
//! sleep (not spin), and any number of posters and takers may wait at once.

use std::sync::{Condvar, Mutex};

pub struct Mailbox<T> {
    slot: std::marker::PhantomData<T>, // replace with what you need
}

impl<T> Mailbox<T> {
    pub fn new() -> Mailbox<T> {
        Mailbox { slot: std::marker::PhantomData }
    }

    /// Leaves `letter` in the box, waiting while it is full.
    pub fn put(&self, letter: T) {
        todo!("wait while the box is full, then leave the letter and wake whoever waits")
    }

    /// Takes the letter out of the box, waiting while it is empty.
    pub fn take(&self) -> T {
        todo!("wait while the box is empty, then take the letter and wake whoever waits")
    }
}

impl<T> Default for Mailbox<T> {
    fn default() -> Self {
        Self::new()
    }
}
