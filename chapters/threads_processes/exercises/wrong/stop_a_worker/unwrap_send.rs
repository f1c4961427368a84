//! Wrong answer: `stop` unwraps the result of `send`.
//!
//! Why a student writes it: `unwrap` is everywhere in examples. But `send`
//! fails when the receiver is gone, and the receiver goes when the worker
//! ends: stopping a worker that has already finished panics.

use exercise_support::threads::Log;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

pub struct Worker {
    stop: mpsc::Sender<()>,
    thread: JoinHandle<()>,
}

pub fn start_worker(nap: Duration, log: Log) -> Worker {
    let (stop, stop_asked) = mpsc::channel();
    let thread = thread::spawn(move || match stop_asked.recv_timeout(nap) {
        Err(RecvTimeoutError::Timeout) => log.say("finished"),
        Ok(()) | Err(RecvTimeoutError::Disconnected) => log.say("stopped"),
    });
    Worker { stop, thread }
}

impl Worker {
    pub fn stop(self) {
        self.stop.send(()).unwrap();
        self.thread.join().unwrap();
    }

    pub fn join(self) {
        self.thread.join().unwrap();
    }
}
