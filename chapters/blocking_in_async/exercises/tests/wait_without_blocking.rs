//! Checks for `wait_without_blocking`.
//!
//! Each run joins waiters (`wait_until_set`) and a future that sets the flag
//! later into one future, polled on one thread: a waiter that blocks the
//! thread keeps the flag from being set.

use blocking_in_async_exercises::wait_without_blocking::{RUNTIME, wait_until_set};
use exercise_support::{Polled, block_on_within, count_polls, sleep};
use futures::future::join_all;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What one waiter gave.
struct Waited {
    every: Duration,
    checks: u32,
    /// How many times its future was polled for its own wake-ups.
    polls: u32,
    /// From the start to its return.
    took: Duration,
}

/// Starts one waiter for each of `intervals` at once, sets the flag after
/// `set_after`, and returns what each waiter gave.
fn run(intervals: Vec<Duration>, set_after: Duration) -> Vec<Waited> {
    let future = async move {
        let flag = Arc::new(AtomicBool::new(false));
        let started = Instant::now();
        let waiters = intervals.iter().map(|&every| {
            let flag = flag.clone();
            async move {
                let Polled { output, polls } = count_polls(wait_until_set(flag, every)).await;
                Waited {
                    every,
                    checks: output,
                    polls,
                    took: started.elapsed(),
                }
            }
        });
        let setter = async {
            sleep(set_after).await;
            flag.store(true, Ordering::SeqCst);
        };
        futures::join!(join_all(waiters), setter).0
    };
    block_on_within(RUNTIME, future, Duration::from_secs(3)).unwrap_or_else(|e| {
        panic!(
            "wait_until_set never returned ({e}): while it blocks the thread \
             (std::thread::sleep?), the future that sets the flag, joined beside it on the \
             same thread, cannot run"
        )
    })
}

#[test]
fn it_returns_soon_after_the_flag_is_set() {
    let waited = run(vec![Duration::from_millis(20)], Duration::from_millis(200))
        .pop()
        .expect("one waiter");
    let (checks, took) = (waited.checks, waited.took);
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

#[test]
fn it_waits_the_interval_it_is_given() {
    // 420 ms is 60 intervals of 7 ms and 7 of 60 ms: about 61 and 8 checks.
    let set_after = Duration::from_millis(420);
    let waited = run(
        vec![Duration::from_millis(7), Duration::from_millis(60)],
        set_after,
    );
    let counts: Vec<String> = waited
        .iter()
        .map(|w| format!("{} checks every {:?}", w.checks, w.every))
        .collect();
    for w in &waited {
        let expected = (set_after.as_millis() / w.every.as_millis()) as u32 + 1;
        // A loaded machine wakes timers late: fewer checks, never many more.
        assert!(
            (expected / 3..=expected + 3).contains(&w.checks),
            "with the flag set after {set_after:?}, it made {}: every {:?} is about {expected}. \
             Wait `every` between two checks, not an interval of your own",
            counts.join(" and "),
            w.every
        );
    }
}

#[test]
fn it_sleeps_between_checks_instead_of_spinning() {
    let waited = run(vec![Duration::from_millis(20)], Duration::from_millis(200))
        .pop()
        .expect("one waiter");
    // Awaiting a sleep polls the waiter once when the sleep ends: once per
    // check. Yielding in a loop until the time is up polls it thousands of
    // times.
    let most = 3 * waited.checks + 10;
    assert!(
        waited.polls <= most,
        "it was polled {} times for {} checks in {:?} (a sleep between checks takes at most \
         {most}): it spins, yielding in a loop until the time is up, which keeps a core busy \
         doing nothing. Await the runtime's sleep (smol::Timer::after, tokio::time::sleep, \
         async_std::task::sleep): it wakes your task when the time is up",
        waited.polls,
        waited.checks,
        waited.took
    );
}

#[test]
fn many_waiters_need_no_thread_each() {
    // With the checks' blocking pools of 8 threads, 80 waiters that each hold
    // a thread for 20 ms get through a round of checks in 200 ms, not 20: two
    // checks before the flag is set instead of about ten.
    let waiters = 80;
    let waited = run(
        vec![Duration::from_millis(20); waiters],
        Duration::from_millis(200),
    );
    let fewest = waited.iter().map(|w| w.checks).min().expect("80 waiters");
    let latest = waited.iter().map(|w| w.took).max().expect("80 waiters");
    assert!(
        fewest >= 5 && latest < Duration::from_millis(400),
        "with {waiters} waiters at once, checking every 20 ms until the flag is set at 200 ms, \
         one checked only {fewest} times (about 10 is right) and the last returned after \
         {latest:?}: each waiter's wait holds a thread (std::thread::sleep on the blocking \
         pool, whose {} threads the waiters then share, or on the runtime's thread). A timer \
         holds no thread: await the runtime's sleep",
        exercise_support::BLOCKING_POOL_THREADS
    );
}
