// Exercise `schedule_calls`: replace the `todo` below with your code, then run
// `cargo exercise check schedule_calls`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! asyncio's `loop.call_soon(f)`, `loop.call_later(delay, f)` and
//! `loop.call_at(when, f)`, on tokio: each schedules the plain function
//! `f` (a callback) to run on the runtime and returns at once with the
//! handle of the task that will call it.
//!
//! The checker schedules calls out of order on a one-thread runtime and
//! notes when each ran and how long scheduling took.

use std::time::Duration;
use tokio::task::JoinHandle;
use tokio::time::Instant;

/// Runs `f` as soon as the runtime gets to it.
pub fn call_soon(f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    todo!("run f on the runtime, soon")
}

/// Runs `f` once `delay` has passed.
pub fn call_later(delay: Duration, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    todo!("run f on the runtime, after delay")
}

/// Runs `f` at `deadline`, a point on the runtime's clock.
pub fn call_at(deadline: Instant, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    todo!("run f on the runtime, at deadline")
}
