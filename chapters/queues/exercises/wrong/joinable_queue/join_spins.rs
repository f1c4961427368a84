//! Wrong answer: `join` looks at the count, yields, and looks again.
//!
//! Why a student writes it: it is correct, and `yield_now` lets the
//! workers run. But a joiner is polled over and over while it waits, and
//! keeps the runtime's thread busy for nothing.

use std::collections::VecDeque;
use std::sync::Mutex;
use tokio::sync::Notify;

pub struct JoinableQueue<T> {
    state: Mutex<State<T>>,
    /// Woken when an item is put.
    item_put: Notify,
    /// Woken when the count of unfinished items reaches zero.
    all_done: Notify,
}
struct State<T> {
    items: VecDeque<T>,
    /// Put but not yet marked done: Python's `_unfinished_tasks`.
    unfinished: usize,
}

impl<T> JoinableQueue<T> {
    pub fn new() -> JoinableQueue<T> {
        JoinableQueue {
            state: Mutex::new(State {
                items: VecDeque::new(),
                unfinished: 0,
            }),
            item_put: Notify::new(),
            all_done: Notify::new(),
        }
    }

    /// Adds an item (the queue has no bound).
    pub fn put(&self, item: T) {
        let mut state = self.state.lock().unwrap();
        state.items.push_back(item);
        state.unfinished += 1;
        // One getter can take it; with nobody waiting, the permit is kept.
        self.item_put.notify_one();
    }

    /// Takes the oldest item, waiting while there is none.
    pub async fn get(&self) -> T {
        loop {
            let mut put = std::pin::pin!(self.item_put.notified());
            put.as_mut().enable();
            if let Some(item) = self.state.lock().unwrap().items.pop_front() {
                return item;
            }
            put.await;
        }
    }

    /// Marks one item got earlier as finished.
    pub fn task_done(&self) {
        let mut state = self.state.lock().unwrap();
        state.unfinished = state
            .unfinished
            .checked_sub(1)
            .expect("task_done() called more times than there were items");
        if state.unfinished == 0 {
            self.all_done.notify_waiters(); // every joiner
        }
    }

    /// Waits until every item put so far has been marked done.
    pub async fn join(&self) {
        while self.state.lock().unwrap().unfinished > 0 {
            tokio::task::yield_now().await;
        }
    }
}

impl<T> Default for JoinableQueue<T> {
    fn default() -> Self {
        Self::new()
    }
}
