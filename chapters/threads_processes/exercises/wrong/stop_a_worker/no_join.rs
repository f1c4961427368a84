//! Wrong answer: `stop` tells the worker to stop and returns at once.
//!
//! Why a student writes it: the message is sent, so the worker will stop;
//! why wait? Because "will" is not "has": the caller goes on (in `main`,
//! returns, and the process ends) while the worker is still writing its
//! last line. It is Python's daemon thread again.

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
    }

    pub fn join(self) {
        self.thread.join().unwrap();
    }
}
