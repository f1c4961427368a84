//! Wrong answer: the worker says `finished` whenever no stop message came,
//! including when the sender is gone.
//!
//! Why a student writes it: `recv_timeout(nap).is_ok()` reads as "was I
//! told to stop?". But a `Worker` dropped without `stop` or `join` (say,
//! while `main` unwinds from a panic) drops its sender, and `recv_timeout`
//! returns `Disconnected` at once: the worker claims its nap ran out when it
//! did not. Match on `RecvTimeoutError` and treat `Disconnected` as a stop.
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
        if stop_asked.recv_timeout(nap).is_ok() {
            log.say("stopped")
        } else {
            log.say("finished")
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
        let Worker { stop, thread } = self;
        thread.join().unwrap();
        drop(stop);
    }
}
