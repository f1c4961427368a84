//! Every scenario returns what it should on every runtime, at the shortest
//! unit the example accepts, and the timeline agrees on when things ended.

use event_loops::scenario::*;
use event_loops::{EXAMPLE, async_std_version, smol_version, tokio_version};
use harness::Timeline;
use std::time::Duration;

fn shortest_unit() -> Duration {
    Duration::from_millis(EXAMPLE.min_unit_ms)
}

/// Runs `scenario` on each of the three runtimes with a fresh timeline.
macro_rules! on_each {
    ($scenario:ident) => {{
        let unit = shortest_unit();
        [
            (
                "tokio",
                tokio_version::$scenario as fn(Timeline, Duration) -> _,
            ),
            ("async-std", async_std_version::$scenario),
            ("smol", smol_version::$scenario),
        ]
        .map(|(name, run)| {
            let tl = Timeline::new(); // its clock starts now
            (name, run(tl.clone(), unit), tl)
        })
    }};
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn run_until_complete_takes_a_future_a_task_and_a_join() {
    for (runtime, got, _) in on_each!(run_until_complete) {
        let want = Completed {
            future: ADD.0 + ADD.1,
            task: ADD.0 + ADD.1,
            joined: (ADD.0 + ADD.1, ADD_TOO.0 + ADD_TOO.1),
        };
        assert_eq!(got, want, "{runtime}");
    }
}

#[test]
fn stopping_at_the_first_job_cancels_the_other_unless_the_runtime_is_global() {
    let unit = shortest_unit();
    for (runtime, got, tl) in on_each!(stop_at_first) {
        if runtime == "async-std" {
            // A global runtime cannot be stopped: `three` finishes later.
            assert_eq!(got.done, names(&["one", "three"]), "{runtime}");
            assert!(got.cancelled.is_empty(), "{runtime}: {got:?}");
        } else {
            assert_eq!(got.done, names(&["one"]), "{runtime}");
            assert_eq!(got.cancelled, names(&["three"]), "{runtime}");
            // Cancelled when the loop stopped: after `one`, long before 3 units.
            let one = tl.time_of("one", "done").unwrap();
            let three = tl.time_of("three", "cancelled").unwrap();
            assert!(three >= one, "{runtime}: cancelled before the stop");
            assert!(
                three < unit * 2,
                "{runtime}: cancelled at {three:?}, not at the stop"
            );
        }
    }
}

#[test]
fn stopping_after_all_lets_both_finish() {
    for (runtime, got, tl) in on_each!(stop_after_all) {
        assert_eq!(got.done, names(&["one", "three"]), "{runtime}");
        let (one, three) = (
            tl.time_of("one", "done").unwrap(),
            tl.time_of("three", "done").unwrap(),
        );
        // Concurrent: `three` ends about 3 times later than `one`, not 4.
        let ratio = three.as_secs_f64() / one.as_secs_f64();
        assert!(
            (2.0..3.8).contains(&ratio),
            "{runtime}: three/one = {ratio:.2}"
        );
    }
}

#[test]
fn a_closed_runtime_cancels_new_work_and_a_global_one_cannot_close() {
    for (runtime, got, tl) in on_each!(closed) {
        assert_eq!(got.before, ADD.0 + ADD.1, "{runtime}");
        if runtime == "async-std" {
            assert_eq!(got.after, Ok(ADD.0 + ADD.1), "{runtime}");
        } else {
            assert_eq!(got.after, Err("cancelled"), "{runtime}");
            assert_eq!(tl.time_of("after", "start"), None, "{runtime}: it ran");
        }
    }
}

#[test]
fn calls_run_in_the_order_they_are_due_not_the_order_they_were_made() {
    let unit = shortest_unit();
    for (runtime, got, tl) in on_each!(call_soon_later_at) {
        assert_eq!(got, call_order(), "{runtime}");
        // Each call runs near its time: `later 3` about 3 times `at 1`.
        let at_1 = tl.time_of("at 1", "done").unwrap();
        let later_3 = tl.time_of("later 3", "done").unwrap();
        assert!(at_1 >= unit, "{runtime}: `at 1` ran early, at {at_1:?}");
        assert!(
            later_3 >= unit * 3,
            "{runtime}: `later 3` ran early, at {later_3:?}"
        );
        let ratio = later_3.as_secs_f64() / at_1.as_secs_f64();
        assert!((2.0..4.0).contains(&ratio), "{runtime}: {ratio:.2}");
    }
}

#[test]
fn woken_tasks_run_in_the_order_they_were_woken() {
    for (runtime, got, _) in on_each!(ready_queue) {
        assert_eq!(got, run_order(), "{runtime}");
        assert_ne!(
            got,
            names(&SPAWN_ORDER),
            "{runtime}: the scenario proves nothing"
        );
    }
}

#[test]
fn tokio_main_is_a_runtime_and_a_block_on() {
    assert_eq!(tokio_version::with_the_macro(), ADD.0 + ADD.1);
    assert_eq!(tokio_version::by_hand(), tokio_version::with_the_macro());
}

#[test]
fn block_on_after_shutdown_panics_with_the_message_the_book_quotes() {
    let message = tokio_version::block_on_after_shutdown(shortest_unit());
    assert_eq!(
        message,
        "A Tokio 1.x context was found, but it is being shutdown."
    );
    let page = include_str!("../../../src/event-loops-run-stop.md");
    assert!(page.contains(&message), "the page must quote: {message}");
}

/// The page says: tasks put on smol's global executor with `smol::spawn`
/// run on after `block_on` returns, like async-std's.
#[test]
fn smol_global_tasks_run_on_after_block_on_returns() {
    let unit = shortest_unit();
    let tl = Timeline::new();
    let record = tl.start("global");
    smol::block_on(async {
        smol::spawn(async move {
            smol::Timer::after(unit * 2).await;
            record.done(())
        })
        .detach();
        smol::Timer::after(unit).await; // return while the task still waits
    });
    assert_eq!(
        tl.time_of("global", "done"),
        None,
        "it ended too soon to show anything"
    );
    std::thread::sleep(unit * 4);
    assert!(
        tl.time_of("global", "done").is_some(),
        "the global task did not run on"
    );
}
