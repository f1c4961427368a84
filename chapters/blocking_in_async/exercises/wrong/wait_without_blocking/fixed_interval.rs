//! Wrong answer: it waits a fixed 45 ms between checks, whatever `every` is.
//!
//! Why a student writes it: with the first example in mind (checks every
//! 20 ms for 200 ms), any interval near it gives a believable count, and the
//! argument is easy to overlook. But the caller chose `every`: asked to check
//! every 7 ms it checks six times less often, and asked for 60 ms it checks
//! more often than wanted.

use exercise_support::Runtime;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pub const RUNTIME: Runtime = Runtime::Smol;

pub async fn wait_until_set(flag: Arc<AtomicBool>, _every: Duration) -> u32 {
    let mut checks = 1;
    while !flag.load(Ordering::SeqCst) {
        smol::Timer::after(Duration::from_millis(45)).await;
        checks += 1;
    }
    checks
}
