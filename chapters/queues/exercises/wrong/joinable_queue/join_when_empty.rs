//! Wrong answer: `join` waits until the queue is empty, and `get` wakes
//! the joiners when it takes the last item.
//!
//! Why a student writes it: "all the work is done" sounds like "nothing is
//! left in the queue". But an item leaves the queue when a worker gets it,
//! not when the worker has finished it: `join` returns while the last
//! items are still being worked on, and `task_done` counts nothing.

use std::collections::VecDeque;
use std::sync::Mutex;
use tokio::sync::Notify;

pub struct JoinableQueue<T> {
    items: Mutex<VecDeque<T>>,
    item_put: Notify,
    emptied: Notify,
}

impl<T> JoinableQueue<T> {
    pub fn new() -> JoinableQueue<T> {
        JoinableQueue {
            items: Mutex::new(VecDeque::new()),
            item_put: Notify::new(),
            emptied: Notify::new(),
        }
    }

    pub fn put(&self, item: T) {
        self.items.lock().unwrap().push_back(item);
        self.item_put.notify_one();
    }

    pub async fn get(&self) -> T {
        loop {
            let mut put = std::pin::pin!(self.item_put.notified());
            put.as_mut().enable();
            let taken = {
                let mut items = self.items.lock().unwrap();
                let item = items.pop_front();
                if item.is_some() && items.is_empty() {
                    self.emptied.notify_waiters();
                }
                item
            };
            if let Some(item) = taken {
                return item;
            }
            put.await;
        }
    }

    pub fn task_done(&self) {}

    pub async fn join(&self) {
        loop {
            let mut emptied = std::pin::pin!(self.emptied.notified());
            emptied.as_mut().enable();
            if self.items.lock().unwrap().is_empty() {
                return;
            }
            emptied.await;
        }
    }
}

impl<T> Default for JoinableQueue<T> {
    fn default() -> Self {
        Self::new()
    }
}
