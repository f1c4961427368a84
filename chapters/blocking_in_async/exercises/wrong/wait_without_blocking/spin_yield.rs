//! Wrong answer: a home-made sleep that yields in a loop until the time is up.
//!
//! Why a student writes it: `yield_now` lets the other tasks run, so nothing
//! is blocked, and the checks come at the right times. But the task is
//! polled again as soon as it yields: thousands of times between two checks,
//! keeping a core at 100% to wait. A timer (`smol::Timer::after`) wakes the
//! task once, when the time is up, and costs nothing meanwhile.

use exercise_support::Runtime;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub const RUNTIME: Runtime = Runtime::Smol;

pub async fn wait_until_set(flag: Arc<AtomicBool>, every: Duration) -> u32 {
    let mut checks = 1;
    while !flag.load(Ordering::SeqCst) {
        let until = Instant::now() + every;
        while Instant::now() < until {
            smol::future::yield_now().await;
        }
        checks += 1;
    }
    checks
}
