//! Wrong answer: it waits with `std::thread::sleep`, moved to the blocking
//! pool.
//!
//! Why a student writes it: the chapter says to move blocking calls to the
//! blocking pool, and `std::thread::sleep` is one; one waiter works. But each
//! waiter now holds a pool thread for as long as it waits, to do nothing:
//! with more waiters than the pool has threads (the checks give it 8), they
//! queue for threads and check far less often than asked. A timer holds no
//! thread at all: waiting is not blocking work to offload, it is what async
//! sleeps are for.

use exercise_support::Runtime;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pub const RUNTIME: Runtime = Runtime::Smol;

pub async fn wait_until_set(flag: Arc<AtomicBool>, every: Duration) -> u32 {
    let mut checks = 1;
    while !flag.load(Ordering::SeqCst) {
        smol::unblock(move || std::thread::sleep(every)).await;
        checks += 1;
    }
    checks
}
