//! Wrong answer: the worker sleeps its whole nap with `thread::sleep`, then
//! looks whether it was told to stop.
//!
//! Why a student writes it: "sleep, then check a flag" is how a stop flag
//! is often first written, and the worker does end up saying `stopped`.
//! But nothing can cut `thread::sleep` short: `stop` waits out the whole nap.

use exercise_support::threads::Log;
use std::sync::mpsc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

pub struct Worker {
    stop: mpsc::Sender<()>,
    thread: JoinHandle<()>,
}

pub fn start_worker(nap: Duration, log: Log) -> Worker {
    let (stop, stop_asked) = mpsc::channel();
    let thread = thread::spawn(move || {
        thread::sleep(nap);
        match stop_asked.try_recv() {
            Ok(()) => log.say("stopped"),
            Err(_) => log.say("finished"),
        }
    });
    Worker { stop, thread }
}

impl Worker {
    pub fn stop(self) {
        let _ = self.stop.send(());
        self.thread.join().unwrap();
    }

    pub fn join(self) {
        self.thread.join().unwrap();
    }
}
