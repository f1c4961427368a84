//! Wrong answer: the nap is slept in slices of 300 ms, with a stop flag
//! checked between them.
//!
//! Why a student writes it: it is the Python habit (`while not stop:
//! time.sleep(0.3)`), and it does stop. But a stop waits for the end of the
//! current slice, up to 300 ms; smaller slices wake the thread for nothing.
//! `recv_timeout` (or `Condvar::wait_timeout`) wakes at once.
use exercise_support::threads::Log;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub struct Worker {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

pub fn start_worker(nap: Duration, log: Log) -> Worker {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let thread = thread::spawn(move || {
        let until = Instant::now() + nap;
        loop {
            if flag.load(Ordering::Relaxed) {
                return log.say("stopped");
            }
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return log.say("finished");
            }
            thread::sleep(left.min(Duration::from_millis(300)));
        }
    });
    Worker { stop, thread }
}

impl Worker {
    pub fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap();
    }
    pub fn join(self) {
        self.thread.join().unwrap();
    }
}
