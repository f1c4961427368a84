//! Wrong answer: `stop` sends, then sleeps "long enough" instead of
//! joining the thread.
//!
//! Why a student writes it: the line takes 50 ms to write, so twice that
//! seems safe. But a guess is not a wait: a log that takes longer, or a
//! busy machine, and `stop` returns while the worker is still writing.
use exercise_support::threads::{Log, SAY_TAKES};
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
        thread::sleep(SAY_TAKES * 2); // give it time to say its line
    }
    pub fn join(self) {
        let Worker { stop, thread } = self;
        thread.join().unwrap();
        drop(stop);
    }
}
