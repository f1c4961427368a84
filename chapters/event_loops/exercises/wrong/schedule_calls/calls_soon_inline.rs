//! Wrong answer: `call_soon` calls `f` right away, in the caller.
//!
//! Why a student writes it: "soon" reads as "now", and there is no delay to
//! wait, so spawning looks like ceremony. But asyncio's `call_soon` never
//! runs the callback inside the call: it queues it for the loop's next turn,
//! after the code that scheduled it has gone on (and the returned handle can
//! still cancel it). Here `f` has already run when `call_soon` returns.

use std::time::Duration;
use tokio::task::JoinHandle;
use tokio::time::Instant;

pub fn call_soon(f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    f();
    tokio::spawn(async {})
}

pub fn call_later(delay: Duration, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        f()
    })
}

pub fn call_at(deadline: Instant, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    tokio::spawn(async move {
        tokio::time::sleep_until(deadline).await;
        f()
    })
}
