//! Wrong answer: the threads' event of the chapter (a `Mutex<bool>` and a
//! `Condvar`) as the gate, each `pass` waiting on an OS thread of its own
//! (`std::thread::spawn`), which hands the wake-up back through a
//! `tokio::sync::oneshot`.
//!
//! Why a student writes it: the thread version is known to work, and a
//! thread of its own keeps the blocking `Condvar::wait` off the runtime's
//! thread, with no pool limit to queue behind. But every task waiting at
//! the gate now holds an OS thread: a thousand cars at a red light are a
//! thousand threads. An async wait holds no thread.

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
        if self.is_open() {
            return;
        }
        let (done, passed) = tokio::sync::oneshot::channel();
        let inner = self.inner.clone();
        std::thread::spawn(move || {
            let mut open = inner.0.lock().unwrap();
            while !*open {
                open = inner.1.wait(open).unwrap();
            }
            let _ = done.send(());
        });
        let _ = passed.await;
    }
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}
