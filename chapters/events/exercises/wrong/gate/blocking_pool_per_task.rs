//! Wrong answer: the threads' event of the chapter (a `Mutex<bool>` and a
//! `Condvar`) as the gate, each `pass` run on tokio's blocking pool.
//!
//! Why a student writes it: the thread version is known to work, and
//! `spawn_blocking` keeps the blocking `Condvar::wait` off the runtime's
//! thread. But every task waiting at the gate now holds a thread of the
//! pool: a thousand cars at a red light would want a thousand threads (the
//! pool has a limit, and the rest queue). An async wait holds no thread.

use std::sync::{Arc, Condvar, Mutex};

pub struct Gate {
    inner: Arc<(Mutex<bool>, Condvar)>,
}

impl Gate {
    pub fn new() -> Self {
        Gate {
            inner: Arc::new((Mutex::new(false), Condvar::new())),
        }
    }
    pub fn open(&self) {
        *self.inner.0.lock().unwrap() = true;
        self.inner.1.notify_all();
    }
    pub fn close(&self) {
        *self.inner.0.lock().unwrap() = false;
    }
    pub fn is_open(&self) -> bool {
        *self.inner.0.lock().unwrap()
    }
    pub async fn pass(&self) {
        let inner = self.inner.clone();
        let _ = tokio::task::spawn_blocking(move || {
            let mut open = inner.0.lock().unwrap();
            while !*open {
                open = inner.1.wait(open).unwrap();
            }
        })
        .await;
    }
}
impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}
