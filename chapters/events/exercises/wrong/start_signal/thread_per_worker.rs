//! Wrong answer: the threads' event of the chapter (a `Mutex<bool>` and a
//! `Condvar`), each wait on an OS thread of its own (`std::thread::spawn`),
//! which hands the wake-up back through a `tokio::sync::oneshot`.
//!
//! Why a student writes it: the thread version is known to work, and a
//! thread of its own keeps the blocking `Condvar::wait` off the runtime's
//! thread, with no limit to queue behind as tokio's blocking pool has. But
//! every waiting worker now holds an OS thread: ten thousand waiting
//! workers are ten thousand threads, the cost the chapter measures. An
//! async wait holds no thread at all.

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
        if *self.inner.0.lock().unwrap() {
            return;
        }
        let (done, went) = tokio::sync::oneshot::channel();
        let inner = self.inner.clone();
        std::thread::spawn(move || {
            let mut fired = inner.0.lock().unwrap();
            while !*fired {
                fired = inner.1.wait(fired).unwrap();
            }
            let _ = done.send(());
        });
        let _ = went.await;
    }
}

impl Default for StartSignal {
    fn default() -> Self {
        StartSignal::new()
    }
}
