//! Wait without blocking: check a flag every `every` until another task sets
//! it, and count the checks. The other task runs on the same thread, so
//! your waiting must let it run.
//!
//! Tools: `tokio::time::sleep`, `async_std::task::sleep`,
//! `smol::Timer::after`. Not `std::thread::sleep`. Set `RUNTIME` to match.
//!
//! (Polling is the point of this exercise. In real code, the task that sets
//! the flag would rather wake the waiter itself: an async event such as
//! `event_listener::Event` or `tokio::sync::Notify`, or a channel, as
//! `asyncio.Event` does in Python.)

use exercise_support::Runtime;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Smol;

/// Checks `flag` every `every` until it is set; returns how many checks it took.
pub async fn wait_until_set(flag: Arc<AtomicBool>, every: Duration) -> u32 {
    // BEGIN SOLUTION
    let mut checks = 1;
    while !flag.load(Ordering::SeqCst) {
        smol::Timer::after(every).await;
        checks += 1;
    }
    checks
    // END SOLUTION
    // STARTER todo!("check the flag, and wait `every` between checks without blocking")
}
