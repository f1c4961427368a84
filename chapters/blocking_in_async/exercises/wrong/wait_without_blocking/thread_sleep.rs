//! Wrong answer: it waits between checks with `std::thread::sleep`.
//!
//! Why a student writes it: it is the sleep every Rust programmer knows, and
//! `time.sleep` is what a Python loop would use. But it puts the whole
//! thread to sleep, and the task that sets the flag runs on that same
//! thread: it never gets a turn, so the flag is never set and the loop never
//! ends (the checker gives up after 3 s). `smol::Timer::after`,
//! `tokio::time::sleep` and `async_std::task::sleep` yield the thread instead.

use exercise_support::Runtime;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pub const RUNTIME: Runtime = Runtime::Smol;

pub async fn wait_until_set(flag: Arc<AtomicBool>, every: Duration) -> u32 {
    let mut checks = 1;
    while !flag.load(Ordering::SeqCst) {
        std::thread::sleep(every);
        checks += 1;
    }
    checks
}
