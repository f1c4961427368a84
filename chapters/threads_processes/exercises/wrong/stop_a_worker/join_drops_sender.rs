//! Wrong answer: `join` drops the sender before joining.
//!
//! Why a student writes it: the sender is not needed to join, and dropping
//! what is not needed looks tidy. But a dropped sender is a message too:
//! the worker's `recv_timeout` returns `Disconnected` at once, so `join`
//! stops the worker instead of waiting for its nap to run out.

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
        let _ = self.stop.send(());
        self.thread.join().unwrap();
    }

    pub fn join(self) {
        drop(self.stop);
        self.thread.join().unwrap();
    }
}
