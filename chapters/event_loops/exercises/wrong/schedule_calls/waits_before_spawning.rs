//! Wrong answer: the scheduling function waits, then spawns.
//!
//! Why a student writes it: "call f later" reads as "wait, then call f".
//! The calls do run in order, but the caller is held for the whole delay:
//! scheduling three calls takes as long as all their delays together,
//! and nothing else on the runtime's thread runs meanwhile.

use std::time::Duration;
use tokio::task::JoinHandle;
use tokio::time::Instant;

pub fn call_soon(f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    tokio::spawn(async move { f() })
}

pub fn call_later(delay: Duration, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    std::thread::sleep(delay);
    tokio::spawn(async move { f() })
}

pub fn call_at(deadline: Instant, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    std::thread::sleep(deadline.saturating_duration_since(Instant::now()));
    tokio::spawn(async move { f() })
}
