// Exercise `wait_without_blocking`: replace the `todo` below with your code, then run
// `cargo exercise check wait_without_blocking`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! Wait without blocking: check a flag every `every` until something else
//! sets it, and count the checks. In the checker, a future joined beside
//! yours (`futures::join!`) sets it, polled on the same thread as yours: your
//! waiting must let it run. The checker also runs 80 waiters at once.
//!
//! Tools: `tokio::time::sleep`, `async_std::task::sleep`,
//! `smol::Timer::after`. Not `std::thread::sleep`. Set `RUNTIME` to match.
//!
//! (Polling is the point of this exercise. In real code, whoever sets the
//! flag would rather wake the waiter. Python's `asyncio.Event` does both
//! jobs: it stays set, and `await event.wait()` returns at once if it is.
//! `tokio::sync::watch` behaves like that (`receiver.wait_for(|set| *set)`).
//! `tokio::sync::Notify` and `event_listener::Event` do not stay set: a
//! notification wakes whoever waits at that moment (Notify keeps at most one
//! permit for a later `notified()`), so they go with a flag like this one,
//! checked again once the waiter is registered.)

use exercise_support::Runtime;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Smol;

/// Checks `flag` every `every` until it is set; returns how many checks it took.
pub async fn wait_until_set(flag: Arc<AtomicBool>, every: Duration) -> u32 {
    todo!("check the flag, and wait `every` between checks without blocking")
}
