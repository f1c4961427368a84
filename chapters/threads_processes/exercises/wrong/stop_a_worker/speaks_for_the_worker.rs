//! Wrong answer (a cheat): `stop` never stops the thread. It writes the
//! worker's last line itself and leaves the thread napping, with a flag
//! that keeps it quiet when it wakes.
//!
//! Why a student writes it: the checks read the log, and this log reads
//! right. But the thread lives on (3 s in the check) holding its resources:
//! the check sees that it still holds its clone of the log.
use exercise_support::threads::Log;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

pub struct Worker {
    spoken_for: Arc<AtomicBool>,
    log: Log,
    thread: JoinHandle<()>,
}

pub fn start_worker(nap: Duration, log: Log) -> Worker {
    let spoken_for = Arc::new(AtomicBool::new(false));
    let (flag, worker_log) = (spoken_for.clone(), log.clone());
    let thread = thread::spawn(move || {
        thread::sleep(nap);
        if !flag.load(Ordering::SeqCst) {
            worker_log.say("finished");
        }
    });
    Worker { spoken_for, log, thread }
}

impl Worker {
    pub fn stop(self) {
        if self.thread.is_finished() {
            return;
        }
        self.spoken_for.store(true, Ordering::SeqCst);
        self.log.say("stopped");
        // the thread is left napping: dropping a JoinHandle detaches it
    }
    pub fn join(self) {
        self.thread.join().unwrap();
    }
}
