//! Wrong answer: `get` counts the item as finished; `task_done` does
//! nothing.
//!
//! Why a student writes it: the count goes down when an item comes out,
//! which is simpler and looks the same. But the item is not finished when
//! it is got: `join` returns while workers are still working.

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
            let taken = {
                let mut state = self.state.lock().unwrap();
                let item = state.items.pop_front();
                if item.is_some() {
                    state.unfinished -= 1;
                    if state.unfinished == 0 {
                        self.all_done.notify_waiters();
                    }
                }
                item
            };
            if let Some(item) = taken {
                return item;
            }
            put.await;
        }
    }

    /// Marks one item got earlier as finished.
    pub fn task_done(&self) {
        // counted in `get`
    }

    /// Waits until every item put so far has been marked done.
    pub async fn join(&self) {
        loop {
            let mut done = std::pin::pin!(self.all_done.notified());
            done.as_mut().enable();
            if self.state.lock().unwrap().unfinished == 0 {
                return;
            }
            done.await;
        }
    }
}

impl<T> Default for JoinableQueue<T> {
    fn default() -> Self {
        Self::new()
    }
}
