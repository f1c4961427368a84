//! Checks for `wait_without_blocking`.

use blocking_in_async_exercises::wait_without_blocking::{RUNTIME, wait_until_set};
use exercise_support::{block_on_within, sleep};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[test]
fn it_returns_soon_after_another_task_sets_the_flag() {
    let future = async {
        let flag = Arc::new(AtomicBool::new(false));
        let started = Instant::now();
        let setter = async {
            sleep(Duration::from_millis(200)).await;
            flag.store(true, Ordering::SeqCst);
        };
        let (checks, ()) = futures::join!(
            wait_until_set(flag.clone(), Duration::from_millis(20)),
            setter
        );
        (checks, started.elapsed())
    };
    let (checks, took) = block_on_within(RUNTIME, future, Duration::from_secs(3)).unwrap_or_else(|e| {
        panic!(
            "wait_until_set never returned ({e}): while it blocks the thread (std::thread::sleep?), the task that sets the flag cannot run"
        )
    });
    assert!(
        took >= Duration::from_millis(200),
        "it returned after {took:?}, before the flag was set at 200 ms"
    );
    assert!(
        took < Duration::from_millis(400),
        "it returned {took:?} after the start; the flag was set at 200 ms"
    );
    assert!(
        (5..=13).contains(&checks),
        "it checked {checks} times; every 20 ms for 200 ms is about 10 checks"
    );
}

#[test]
fn a_flag_already_set_needs_one_check() {
    let flag = Arc::new(AtomicBool::new(true));
    let checks = block_on_within(
        RUNTIME,
        wait_until_set(flag, Duration::from_secs(10)),
        Duration::from_secs(3),
    )
    .unwrap_or_else(|e| panic!("wait_until_set never returned: {e}"));
    assert_eq!(checks, 1, "the flag was set before the first check");
}
