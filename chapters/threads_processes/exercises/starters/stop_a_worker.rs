// Exercise `stop_a_worker`: replace the `todo` below with your code, then run
// `cargo exercise check stop_a_worker`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

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

/// A napping worker thread, and what `main` needs to stop it and wait for it.
pub struct Worker {
    // your fields: what `stop` and `join` need
}

/// Starts the worker: it naps up to `nap`, then says `finished` (the nap
/// ran out) or `stopped` (it was told to stop) on `log`.
pub fn start_worker(nap: Duration, log: Log) -> Worker {
    todo!("start a thread that naps, unless told to stop, then says so on the log")
}

impl Worker {
    /// Tells the worker to stop, and returns once it has ended.
    pub fn stop(self) {
        todo!("tell the worker to stop, then wait for it to end")
    }

    /// Returns once the worker has ended, without telling it to stop.
    pub fn join(self) {
        todo!("wait for the worker to end, without telling it to stop")
    }
}
