//! Each event scenario, with threads and on each runtime: what the
//! chapter claims, with room for a loaded two-core machine (no check
//! waits on a bare sleep; timings are compared with wide margins or with
//! one another). The tests run one at a time: ten thousand threads
//! starting beside the traffic light would hold its cars up.

use events::scenario::*;
use events::{async_std_version, smol_version, std_version, tokio_version};
use harness::Timeline;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

const UNIT: Duration = Duration::from_millis(100);

fn one_at_a_time() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[test]
fn every_waiter_wakes_at_the_set_and_a_late_one_returns_at_once() {
    let _turn = one_at_a_time();
    let runs = [
        ("threads", {
            let tl = Timeline::new();
            std_version::late_waiter(&tl, UNIT);
            tl
        }),
        ("tokio", {
            let tl = Timeline::new();
            tokio_version::block_on(tokio_version::late_waiter(tl.clone(), UNIT));
            tl
        }),
        ("async-std", {
            let tl = Timeline::new();
            async_std_version::block_on(async_std_version::late_waiter(tl.clone(), UNIT));
            tl
        }),
        ("smol", {
            let tl = Timeline::new();
            smol_version::block_on(smol_version::late_waiter(tl.clone(), UNIT));
            tl
        }),
    ];
    for (who, tl) in runs {
        let woken = woken(&tl);
        assert_eq!(woken.woke, WAITERS, "{who}: {woken:?}");
        let set = tl.time_of("main", "set").unwrap();
        for i in 0..WAITERS {
            let done = tl.time_of(&waiter(i), "done").unwrap();
            assert!(done >= set, "{who}: {} woke before the set", waiter(i));
        }
        // Awake at the set: before the late waiter came, a unit later.
        assert!(woken.last_after_set < UNIT, "{who}: {woken:?}");
        assert!(woken.late_waited < UNIT / 2, "{who}: {woken:?}");
    }
}

#[test]
fn a_bare_notifier_misses_a_late_waiter_and_wakes_only_one() {
    let _turn = one_at_a_time();
    let tokio =
        tokio_version::block_on(tokio_version::notify_is_not_an_event(Timeline::new(), UNIT));
    // tokio's notify_one keeps a permit for the first task that comes.
    assert_eq!(
        tokio,
        NotifyOutcome {
            wake_all: 2,
            wake_one: 1
        }
    );
    // event-listener's notify(1) is lost when nobody listens.
    let nobody = NotifyOutcome {
        wake_all: 2,
        wake_one: 0,
    };
    let async_std = async_std_version::block_on(async_std_version::notify_is_not_an_event(
        Timeline::new(),
        UNIT,
    ));
    assert_eq!(async_std, nobody, "async-std");
    let smol = smol_version::block_on(smol_version::notify_is_not_an_event(Timeline::new(), UNIT));
    assert_eq!(smol, nobody, "smol");
}

/// The claim in the prose, on its own: after `notify_waiters`, a new
/// waiter is not woken (it would wait forever; the timeout ends it), while
/// the chapter's `watch` event lets it through at once.
#[test]
fn a_late_waiter_on_notify_waits_forever_and_on_the_watch_event_not_at_all() {
    let _turn = one_at_a_time();
    tokio_version::block_on(async {
        let notify = tokio::sync::Notify::new();
        notify.notify_waiters();
        let late = tokio::time::timeout(Duration::from_millis(300), notify.notified()).await;
        assert!(late.is_err(), "a late waiter on Notify was woken");
        let event = Arc::new(tokio_version::Event::new());
        event.set();
        let late = tokio::time::timeout(Duration::from_millis(300), event.wait()).await;
        assert!(late.is_ok(), "a late waiter on the watch event waited");
    });
}

#[test]
fn every_car_stops_at_every_red_and_goes_on_at_green() {
    let _turn = one_at_a_time();
    let unit = Duration::from_millis(100);
    let runs = [
        (
            "threads",
            std_version::traffic_light(&Timeline::new(), unit),
        ),
        (
            "tokio",
            tokio_version::block_on(tokio_version::traffic_light(Timeline::new(), unit)),
        ),
        (
            "async-std",
            async_std_version::block_on(async_std_version::traffic_light(Timeline::new(), unit)),
        ),
        (
            "smol",
            smol_version::block_on(smol_version::traffic_light(Timeline::new(), unit)),
        ),
    ];
    for (who, traffic) in runs {
        assert_eq!(traffic.stops, [CYCLES; 3], "{who}: {traffic:?}");
        assert!(!traffic.ran_a_red, "{who}: {traffic:?}");
        // Each car went on during the green it waited for, not a unit later.
        assert!(traffic.slowest_go < unit, "{who}: {traffic:?}");
    }
}

#[test]
fn ten_thousand_threads_cost_more_to_start_and_to_wake_than_ten_thousand_tasks() {
    let _turn = one_at_a_time();
    let threads = std_version::ten_thousand(&Timeline::new()).expect("10,000 threads start");
    let tasks = [
        (
            "tokio",
            tokio_version::block_on(tokio_version::ten_thousand(Timeline::new(), UNIT)),
        ),
        (
            "async-std",
            async_std_version::block_on(async_std_version::ten_thousand(Timeline::new(), UNIT)),
        ),
        (
            "smol",
            smol_version::block_on(smol_version::ten_thousand(Timeline::new(), UNIT)),
        ),
    ];
    for (who, r) in std::iter::once(("threads", threads)).chain(tasks) {
        assert_eq!(r.woke, MANY, "{who}: {r:?}");
        assert!(r.first <= r.median && r.median <= r.last, "{who}: {r:?}");
        assert!(r.last < Duration::from_secs(5), "{who}: {r:?}");
    }
    let slowest_task_start = tasks.iter().map(|(_, r)| r.started).max().unwrap();
    assert!(
        threads.started > slowest_task_start * 3,
        "threads started in {:?}, tasks in up to {slowest_task_start:?}",
        threads.started
    );
    let quickest_task_wake = tasks.iter().map(|(_, r)| r.last).min().unwrap();
    assert!(
        threads.last > quickest_task_wake,
        "the last thread woke {:?} after the set, the last task as soon as {quickest_task_wake:?}",
        threads.last
    );
    if let Some(thread_memory) = threads.memory {
        for (who, r) in &tasks {
            let task_memory = r.memory.unwrap();
            assert!(
                thread_memory > task_memory * 5,
                "{who}: threads took {thread_memory} bytes, tasks {task_memory}"
            );
        }
    }
}
