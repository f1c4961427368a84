//! Wrong answer: `task_done` takes one off with `saturating_sub`, so a
//! `task_done` too many is silently ignored.
//!
//! Why a student writes it: it cannot underflow, and it never panics. But
//! one `task_done` too many is a bug in the caller (a worker that marks an
//! item twice, or one it never got), and Python raises `ValueError` for
//! it; hidden here, it makes a later `join` return while an item is still
//! being worked on.

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
    /// Put but not yet marked done.
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

    pub fn put(&self, item: T) {
        let mut state = self.state.lock().unwrap();
        state.items.push_back(item);
        state.unfinished += 1;
        self.item_put.notify_one();
    }

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

    pub fn task_done(&self) {
        let mut state = self.state.lock().unwrap();
        state.unfinished = state.unfinished.saturating_sub(1);
        if state.unfinished == 0 {
            self.all_done.notify_waiters();
        }
    }

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
