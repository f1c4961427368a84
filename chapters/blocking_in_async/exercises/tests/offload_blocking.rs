//! Checks for `offload_blocking`.
//!
//! Every runtime runs with one thread for async tasks, on any machine (see
//! `exercise_support::PINNED_THREADS`): with one thread per core, slow_hash
//! called inside plain tasks would pass on a machine with many cores.

use blocking_in_async_exercises::offload_blocking::{RUNTIME, hash_all};
use exercise_support::{HASH_DELAY, block_on_within, hash, sleep};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Runs `hash_all` beside a ticker that ticks every 10 ms on the same thread,
/// and returns the hashes, the time, and the ticker's longest wait between
/// two ticks (blocking the thread shows as a long wait).
fn run(inputs: Vec<u64>) -> (Vec<u64>, Duration, Duration) {
    let future = async move {
        let done = Arc::new(AtomicBool::new(false));
        let started = Instant::now();
        let work = async {
            let hashes = hash_all(inputs).await;
            done.store(true, Ordering::SeqCst);
            (hashes, started.elapsed())
        };
        let ticker = async {
            // Timed from the start, so that a thread blocked before the
            // ticker's first turn shows too.
            let mut last = started;
            let mut longest = Duration::ZERO;
            loop {
                longest = longest.max(last.elapsed());
                if done.load(Ordering::SeqCst) {
                    return longest;
                }
                last = Instant::now();
                sleep(Duration::from_millis(10)).await;
            }
        };
        let ((hashes, took), longest) = futures::join!(work, ticker);
        (hashes, took, longest)
    };
    block_on_within(RUNTIME, future, Duration::from_secs(10))
        .unwrap_or_else(|e| panic!("hash_all never returned: {e}"))
}

#[test]
fn every_hash_is_right_and_in_order() {
    let inputs = vec![7, 1, 42, 3];
    let (hashes, _, _) = run(inputs.clone());
    let expected: Vec<u64> = inputs.iter().map(|&x| hash(x)).collect();
    assert_eq!(
        hashes, expected,
        "hash_all must return slow_hash of each input, in the order of the inputs"
    );
}

#[test]
fn the_slow_calls_overlap() {
    let (_, took, _) = run(vec![1, 2, 3, 4, 5, 6]);
    assert!(
        took < HASH_DELAY * 2,
        "six calls took {took:?}; each blocks 200 ms, so run together they take about 200 ms, \
         one by one 1.2 s (the runtime has one thread for async tasks: plain tasks that block \
         take turns on it; the blocking pool has threads to spare)"
    );
}

#[test]
fn the_runtime_stays_free_for_other_tasks() {
    let (_, took, longest) = run(vec![1, 2, 3, 4]);
    // A 10 ms tick that waits half a slow_hash call was held up by one; a busy
    // machine delays a tick by far less.
    assert!(
        longest < HASH_DELAY / 2,
        "a task that ticks every 10 ms once waited {longest:?} for its next tick (in {took:?}): \
         something blocked the runtime's thread (call slow_hash on the blocking pool)"
    );
}
