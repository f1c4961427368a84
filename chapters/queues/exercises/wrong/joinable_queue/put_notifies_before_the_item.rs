//! Wrong answer: `put` wakes a getter first, then adds the item.
//!
//! Why a student writes it: "a getter, wake up: here comes an item" reads
//! naturally, and on one thread the getter cannot run before `put`
//! returns. On a multi-threaded runtime it can: the woken getter looks
//! before the item is there, finds nothing, and waits again; the one
//! wake-up was spent, and the item sits in the queue with a getter asleep
//! beside it. Change the state first, then notify.

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
        self.item_put.notify_one(); // a getter, wake up: here comes an item
        let mut state = self.state.lock().unwrap();
        state.items.push_back(item);
        state.unfinished += 1;
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
        state.unfinished = state
            .unfinished
            .checked_sub(1)
            .expect("task_done() called more times than there were items");
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
