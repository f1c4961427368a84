//! Checks for `offload_blocking`.

use blocking_in_async_exercises::offload_blocking::{RUNTIME, hash_all};
use exercise_support::{HASH_DELAY, block_on_within, hash, sleep};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Runs `hash_all` beside a ticker that ticks every 10 ms on the same task,
/// and returns the hashes, the time, and the number of ticks.
fn run(inputs: Vec<u64>) -> (Vec<u64>, Duration, u32) {
    let future = async move {
        let done = Arc::new(AtomicBool::new(false));
        let started = Instant::now();
        let work = async {
            let hashes = hash_all(inputs).await;
            done.store(true, Ordering::SeqCst);
            (hashes, started.elapsed())
        };
        let ticker = async {
            let mut ticks = 0;
            while !done.load(Ordering::SeqCst) {
                sleep(Duration::from_millis(10)).await;
                ticks += 1;
            }
            ticks
        };
        let ((hashes, took), ticks) = futures::join!(work, ticker);
        (hashes, took, ticks)
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
        "six calls took {took:?}; each blocks 200 ms, so run together they take about 200 ms, one by one 1.2 s"
    );
}

#[test]
fn the_runtime_stays_free_for_other_tasks() {
    let (_, took, ticks) = run(vec![1, 2, 3, 4]);
    let possible = (took.as_millis() / 10) as u32;
    assert!(
        ticks * 2 >= possible,
        "a task that ticks every 10 ms ticked only {ticks} times in {took:?}: something blocked the runtime's thread (call slow_hash on the blocking pool)"
    );
}
