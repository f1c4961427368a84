//! Wrong answer: the task waits with `std::thread::sleep`.
//!
//! Why a student writes it: it is the sleep they know, and inside a task it
//! looks harmless. But it holds the thread: on a one-thread runtime nothing
//! else runs meanwhile, so the first call scheduled (due last) runs first
//! and every other call is late.

use std::time::Duration;
use tokio::task::JoinHandle;
use tokio::time::Instant;

pub fn call_soon(f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    tokio::spawn(async move { f() })
}

pub fn call_later(delay: Duration, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    tokio::spawn(async move {
        std::thread::sleep(delay);
        f()
    })
}

pub fn call_at(deadline: Instant, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    tokio::spawn(async move {
        std::thread::sleep(deadline.saturating_duration_since(Instant::now()));
        f()
    })
}
