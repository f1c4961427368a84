//! Each lock scenario, with threads and on each runtime, at a unit of
//! 50 ms: what comes back. The demonstrations that hang give up after 4
//! units, and their fixed versions take 1 or 2: a hang and a fix are far
//! apart even on a loaded machine.

use harness::Timeline;
use locks::scenario::*;
use locks::{async_std_version, smol_version, std_version, tokio_version};
use std::time::Duration;

const UNIT: Duration = Duration::from_millis(50);

/// What each runtime returned, with its name.
macro_rules! on_each {
    (async $scenario:ident) => {
        [
            (
                "tokio",
                tokio_version::block_on(tokio_version::$scenario(Timeline::new(), UNIT)),
            ),
            (
                "async-std",
                async_std_version::block_on(async_std_version::$scenario(Timeline::new(), UNIT)),
            ),
            (
                "smol",
                smol_version::block_on(smol_version::$scenario(Timeline::new(), UNIT)),
            ),
        ]
    };
    ($scenario:ident) => {
        [
            ("tokio", tokio_version::$scenario(Timeline::new(), UNIT)),
            (
                "async-std",
                async_std_version::$scenario(Timeline::new(), UNIT),
            ),
            ("smol", smol_version::$scenario(Timeline::new(), UNIT)),
        ]
    };
}

#[test]
fn read_await_write_loses_updates_and_a_lock_across_the_await_keeps_them() {
    for (runtime, counted) in on_each!(async lost_update) {
        assert!(counted.unlocked < TASKS * ROUNDS, "{runtime}: {counted:?}");
        assert_eq!(counted.locked, TASKS * ROUNDS, "{runtime}");
    }
}

#[test]
fn two_tasks_on_one_thread_interleave_and_lose_nothing() {
    for (runtime, got) in on_each!(no_lock_needed) {
        assert_eq!(got.end, 0, "{runtime}");
        assert_eq!(got.order.matches('+').count(), STEPS, "{runtime}");
        assert_eq!(got.order.matches('-').count(), STEPS, "{runtime}");
        let one_after_the_other = [
            "+".repeat(STEPS) + &"-".repeat(STEPS),
            "-".repeat(STEPS) + &"+".repeat(STEPS),
        ];
        assert!(
            !one_after_the_other.contains(&got.order),
            "{runtime}: {got:?} did not interleave"
        );
    }
}

#[test]
fn a_std_guard_across_an_await_hangs_one_thread_and_an_async_one_does_not() {
    for (runtime, got) in on_each!(std_guard_across_await) {
        assert_eq!(got.broken, Ended::Stuck, "{runtime}");
        assert!(
            matches!(got.fixed, Ended::Done(t) if t < UNIT * 3),
            "{runtime}: {got:?}"
        );
    }
}

#[test]
fn waiting_tasks_get_the_lock_in_the_order_they_asked_once_it_is_released() {
    for (runtime, order) in on_each!(async waiters) {
        assert_eq!(order, WAITERS, "{runtime}");
    }
    let tl = Timeline::new();
    smol_version::block_on(smol_version::waiters(tl.clone(), UNIT));
    for name in WAITERS {
        let at = tl.time_of(name, "acquired").unwrap();
        assert!(
            at >= UNIT * HOLD_UNITS,
            "{name} acquired at {at:?}, while the caller held the lock"
        );
    }
}

#[test]
fn a_lock_around_the_cache_makes_five_callers_fetch_once() {
    for (runtime, fetches) in on_each!(cache) {
        assert_eq!(
            (fetches.unlocked, fetches.locked),
            (CALLERS as u64, 1),
            "{runtime}"
        );
    }
}

#[test]
fn a_mutex_locked_twice_by_its_holder_never_returns() {
    let got = std_version::reentrant(&Timeline::new(), UNIT);
    assert_eq!(got.lock_again, Ended::Stuck);
    assert_eq!(got.try_lock_again, "WouldBlock");
    assert_eq!(got.passed_in, 2);
    for (runtime, ended) in on_each!(async reentrant_task) {
        assert_eq!(ended, Ended::Stuck, "{runtime}");
    }
}

#[test]
fn opposite_lock_orders_deadlock_and_one_order_does_not() {
    let threads = std_version::deadlock(&Timeline::new(), UNIT);
    let tasks = on_each!(async deadlock);
    for (who, got) in std::iter::once(("threads", threads)).chain(tasks) {
        assert_eq!(got.broken, Ended::Stuck, "{who}");
        // The second worker waits for the first's unit: 2 units in all.
        assert!(
            matches!(got.fixed, Ended::Done(t) if t < UNIT * 4 - UNIT / 2),
            "{who}: {got:?}"
        );
    }
}
