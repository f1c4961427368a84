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
    // BEGIN SOLUTION
    state: Mutex<State<T>>,
    /// Woken when an item is put.
    item_put: Notify,
    /// Woken when the count of unfinished items reaches zero.
    all_done: Notify,
    // END SOLUTION
    // STARTER items: std::marker::PhantomData<T>, // replace with what you need
}

// BEGIN SOLUTION
struct State<T> {
    items: VecDeque<T>,
    /// Put but not yet marked done: Python's `_unfinished_tasks`.
    unfinished: usize,
}
// END SOLUTION

impl<T> JoinableQueue<T> {
    pub fn new() -> JoinableQueue<T> {
        // BEGIN SOLUTION
        JoinableQueue {
            state: Mutex::new(State {
                items: VecDeque::new(),
                unfinished: 0,
            }),
            item_put: Notify::new(),
            all_done: Notify::new(),
        }
        // END SOLUTION
        // STARTER JoinableQueue { items: std::marker::PhantomData }
    }

    /// Adds an item (the queue has no bound).
    pub fn put(&self, item: T) {
        // BEGIN SOLUTION
        let mut state = self.state.lock().unwrap();
        state.items.push_back(item);
        state.unfinished += 1;
        // One getter can take it; with nobody waiting, the permit is kept.
        self.item_put.notify_one();
        // END SOLUTION
        // STARTER todo!("add the item, count it as unfinished, and wake a getter")
    }

    /// Takes the oldest item, waiting while there is none.
    pub async fn get(&self) -> T {
        // BEGIN SOLUTION
        loop {
            let mut put = std::pin::pin!(self.item_put.notified());
            put.as_mut().enable();
            if let Some(item) = self.state.lock().unwrap().items.pop_front() {
                return item;
            }
            put.await;
        }
        // END SOLUTION
        // STARTER todo!("take the oldest item, waiting (asleep) while there is none")
    }

    /// Marks one item got earlier as finished. Panics if there is none
    /// (Python raises `ValueError`).
    pub fn task_done(&self) {
        // BEGIN SOLUTION
        let mut state = self.state.lock().unwrap();
        state.unfinished = state
            .unfinished
            .checked_sub(1)
            .expect("task_done() called more times than there were items");
        if state.unfinished == 0 {
            self.all_done.notify_waiters(); // every joiner
        }
        // END SOLUTION
        // STARTER todo!("count one item as finished; wake every joiner when none is left")
    }

    /// Waits until every item put so far has been marked done.
    pub async fn join(&self) {
        // BEGIN SOLUTION
        loop {
            let mut done = std::pin::pin!(self.all_done.notified());
            done.as_mut().enable();
            if self.state.lock().unwrap().unfinished == 0 {
                return;
            }
            done.await;
        }
        // END SOLUTION
        // STARTER todo!("wait (asleep) until no item is unfinished")
    }
}

impl<T> Default for JoinableQueue<T> {
    fn default() -> Self {
        Self::new()
    }
}
