//! Wrong answer: no `Notify` at all; `get` and `join` look, sleep 200 ms,
//! and look again.
//!
//! Why a student writes it: it is correct, it does not spin like a
//! `yield_now` loop, and "polled at most 3 times in 300 ms" is what a
//! 200 ms sleep gives. But each waiter is woken five times a second for
//! nothing, and answers up to 200 ms after the item came or the last
//! `task_done`; a shorter sleep only trades that delay for more wake-ups.
//! A `Notify` lets it sleep until the state changes, and wakes it then.

use std::collections::VecDeque;
use std::sync::Mutex;

pub struct JoinableQueue<T> {
    state: Mutex<State<T>>,
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
        }
    }

    pub fn put(&self, item: T) {
        let mut state = self.state.lock().unwrap();
        state.items.push_back(item);
        state.unfinished += 1;
    }

    pub async fn get(&self) -> T {
        loop {
            if let Some(item) = self.state.lock().unwrap().items.pop_front() {
                return item;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }

    pub fn task_done(&self) {
        let mut state = self.state.lock().unwrap();
        state.unfinished -= 1;
    }

    pub async fn join(&self) {
        while self.state.lock().unwrap().unfinished > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }
}

impl<T> Default for JoinableQueue<T> {
    fn default() -> Self {
        Self::new()
    }
}
