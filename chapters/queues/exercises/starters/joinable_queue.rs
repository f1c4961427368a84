// Exercise `joinable_queue`: replace the `todo` below with your code, then run
// `cargo exercise check joinable_queue`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! Python's `asyncio.Queue` counts unfinished items: `put` adds one,
//! `task_done()` (called by a worker when it has finished an item it got)
//! takes one off, and `join()` waits until the count is zero. Rust's
//! channels have no such count: write a queue that has one, on tokio.
//!
//! `get` waits for an item; `join` returns once every item put so far has
//! been got *and* marked done (at once if there are none), and any number
//! of tasks may be waiting in `join`. Nothing may busy-wait. The checker
//! runs on tokio's current-thread runtime.

use std::collections::VecDeque;
use std::sync::Mutex;
use tokio::sync::Notify;

pub struct JoinableQueue<T> {
    items: std::marker::PhantomData<T>, // replace with what you need
}


impl<T> JoinableQueue<T> {
    pub fn new() -> JoinableQueue<T> {
        JoinableQueue { items: std::marker::PhantomData }
    }

    /// Adds an item (the queue has no bound).
    pub fn put(&self, item: T) {
        todo!("add the item, count it as unfinished, and wake a getter")
    }

    /// Takes the oldest item, waiting while there is none.
    pub async fn get(&self) -> T {
        todo!("take the oldest item, waiting (asleep) while there is none")
    }

    /// Marks one item got earlier as finished. Panics if there is none
    /// (Python raises `ValueError`).
    pub fn task_done(&self) {
        todo!("count one item as finished; wake every joiner when none is left")
    }

    /// Waits until every item put so far has been marked done.
    pub async fn join(&self) {
        todo!("wait (asleep) until no item is unfinished")
    }
}

impl<T> Default for JoinableQueue<T> {
    fn default() -> Self {
        Self::new()
    }
}
