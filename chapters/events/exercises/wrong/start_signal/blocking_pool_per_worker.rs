//! Wrong answer: the threads' event of the chapter (a `Mutex<bool>` and a
//! `Condvar`), each wait run on tokio's blocking pool.
//!
//! Why a student writes it: the thread version is known to work, and
//! `spawn_blocking` keeps the blocking `Condvar::wait` off the runtime's
//! thread. But every waiting worker now holds a thread of the pool: a
//! thousand waiting workers would want a thousand threads (the pool has a
//! limit, and the rest queue). An async wait holds no thread at all.

use std::sync::{Arc, Condvar, Mutex};

pub struct StartSignal {
    inner: Arc<(Mutex<bool>, Condvar)>,
}

impl StartSignal {
    pub fn new() -> Self {
        StartSignal {
            inner: Arc::new((Mutex::new(false), Condvar::new())),
        }
    }
    pub fn fire(&self) {
        *self.inner.0.lock().unwrap() = true;
        self.inner.1.notify_all();
    }
    pub async fn wait(&self) {
        let inner = self.inner.clone();
        let _ = tokio::task::spawn_blocking(move || {
            let mut fired = inner.0.lock().unwrap();
            while !*fired {
                fired = inner.1.wait(fired).unwrap();
            }
        })
        .await;
    }
}
impl Default for StartSignal {
    fn default() -> Self {
        StartSignal::new()
    }
}
