//! Wrong answer: each delayed call waits on a blocking-pool thread.
//!
//! Why a student writes it: the chapter says `std::thread::sleep` holds the
//! runtime's thread, and `spawn_blocking` is the book's cure for blocking
//! code, so sleeping there looks safe, and the calls do run on time. But
//! every pending call now holds an OS thread (the pool has at most 512),
//! and the handle can no longer cancel it: `abort()` does nothing to a
//! blocking task that has started, so the call runs anyway.

use std::time::Duration;
use tokio::task::JoinHandle;
use tokio::time::Instant;

pub fn call_soon(f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    tokio::spawn(async move { f() })
}

pub fn call_later(delay: Duration, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    tokio::task::spawn_blocking(move || {
        std::thread::sleep(delay);
        f()
    })
}

pub fn call_at(deadline: Instant, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    tokio::task::spawn_blocking(move || {
        std::thread::sleep(deadline.saturating_duration_since(Instant::now()));
        f()
    })
}
