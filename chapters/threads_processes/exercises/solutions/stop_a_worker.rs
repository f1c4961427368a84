//! Stop a worker: Python's daemon threads end, mid-work, when the program
//! does; in Rust, returning from `main` does the same to every thread. Do
//! better: start a worker thread that naps, and give `main` a way to stop
//! it early and to wait until it has ended.
//!
//! The worker waits up to `nap`; then says `finished` on the log if the nap
//! ran out, or `stopped` if it was told to stop, and ends. Saying a line
//! takes a moment (`Log::say`), so `stop` and `join` must wait for the
//! thread to end, not just tell it. A `Worker` dropped without `stop` or
//! `join` (say, while `main` unwinds from a panic) tells its worker to stop,
//! and does not wait.
//!
//! Tools: `std::thread::spawn`, `JoinHandle::join`, `std::sync::mpsc`
//! (`channel`, `Receiver::recv_timeout`).

use exercise_support::threads::Log;
use std::time::Duration;
// BEGIN SOLUTION
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::{self, JoinHandle};
// END SOLUTION

/// A napping worker thread, and what `main` needs to stop it and wait for it.
pub struct Worker {
    // BEGIN SOLUTION
    stop: mpsc::Sender<()>,
    thread: JoinHandle<()>,
    // END SOLUTION
    // STARTER // your fields: what `stop` and `join` need
}

/// Starts the worker: it naps up to `nap`, then says `finished` (the nap
/// ran out) or `stopped` (it was told to stop) on `log`.
pub fn start_worker(nap: Duration, log: Log) -> Worker {
    // BEGIN SOLUTION
    let (stop, stop_asked) = mpsc::channel();
    let thread = thread::spawn(move || match stop_asked.recv_timeout(nap) {
        Err(RecvTimeoutError::Timeout) => log.say("finished"),
        Ok(()) | Err(RecvTimeoutError::Disconnected) => log.say("stopped"),
    });
    Worker { stop, thread }
    // END SOLUTION
    // STARTER todo!("start a thread that naps, unless told to stop, then says so on the log")
}

impl Worker {
    /// Tells the worker to stop, and returns once it has ended.
    pub fn stop(self) {
        // BEGIN SOLUTION
        // A worker that has finished has dropped its receiver: nobody to tell.
        let _ = self.stop.send(());
        self.join();
        // END SOLUTION
        // STARTER todo!("tell the worker to stop, then wait for it to end")
    }

    /// Returns once the worker has ended, without telling it to stop.
    pub fn join(self) {
        // BEGIN SOLUTION
        let Worker { stop, thread } = self;
        // Keep the sender until the worker ends: dropping it would tell the
        // worker to stop (its `recv_timeout` would see `Disconnected`).
        thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        drop(stop);
        // END SOLUTION
        // STARTER todo!("wait for the worker to end, without telling it to stop")
    }
}
