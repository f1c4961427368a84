//! Every scenario returns what it should on every runtime, at the shortest
//! unit the example accepts, and the timeline agrees.

use harness::Timeline;
use std::time::Duration;
use tasks::scenario::*;
use tasks::{EXAMPLE, async_std_version, smol_version, tokio_version};

fn shortest_unit() -> Duration {
    Duration::from_millis(EXAMPLE.min_unit_ms)
}

/// Runs `scenario` on each of the three runtimes with a fresh timeline:
/// `(runtime, what it returned, its timeline)`.
macro_rules! on_each {
    ($scenario:ident $(, $arg:expr)?) => {{
        let unit = shortest_unit();
        let tl = Timeline::new();
        let tokio = ("tokio", tokio_version::block_on(tokio_version::$scenario(tl.clone(), $($arg,)? unit)), tl);
        let tl = Timeline::new();
        let async_std = ("async-std", async_std_version::block_on(async_std_version::$scenario(tl.clone(), $($arg,)? unit)), tl);
        let tl = Timeline::new();
        let smol = ("smol", smol_version::block_on(smol_version::$scenario(tl.clone(), $($arg,)? unit)), tl);
        [tokio, async_std, smol]
    }};
}

#[test]
fn a_handle_shows_pending_then_finished_then_gives_the_result() {
    for (runtime, got, _) in on_each!(states) {
        assert_eq!(got, expected_states(), "{runtime}");
    }
}

#[test]
fn cancelling_stops_a_waiting_job_and_returns_a_finished_ones_result() {
    let unit = shortest_unit();
    for (runtime, got, tl) in on_each!(cancel) {
        assert_eq!(got, expected_cancel(), "{runtime}");
        let cancelled = tl.time_of("long", "cancelled").expect("long was cancelled");
        // At the cancel (2 units), before the job would have ended (3).
        assert!(
            cancelled >= unit * 2,
            "{runtime}: cancelled early, at {cancelled:?}"
        );
        assert!(cancelled < unit * 3, "{runtime}: at {cancelled:?}");
    }
}

#[test]
fn dropping_a_handle_detaches_on_tokio_and_async_std_and_cancels_on_smol() {
    for (runtime, got, _) in on_each!(drop_handle) {
        let want = if runtime == "smol" {
            "cancelled"
        } else {
            "done"
        };
        assert_eq!(got, want, "{runtime}");
    }
}

#[test]
fn tasks_that_are_not_send_still_wait_together() {
    for (runtime, got, tl) in on_each!(local) {
        assert_eq!(got, expected_local_log(), "{runtime}");
        // Together: the longest (3 units) ends about 3 times after the
        // shortest (1 unit), not 6 times as one after the other would.
        let one = tl.time_of("one", "done").unwrap().as_secs_f64();
        let three = tl.time_of("three", "done").unwrap().as_secs_f64();
        assert!(three / one < 4.5, "{runtime}: {:.2}", three / one);
    }
}

#[test]
fn many_tasks_all_finish_and_the_timeline_counts_those_it_does_not_keep() {
    let tasks = harness::KEPT_TASKS + 500;
    for (runtime, got, tl) in on_each!(many, tasks) {
        assert_eq!(got, tasks, "{runtime}");
        assert_eq!(
            tl.tasks_with("done").len(),
            harness::KEPT_TASKS,
            "{runtime}"
        );
        let counted: Vec<_> = tl.crowd().iter().map(|c| (c.event, c.count)).collect();
        assert_eq!(counted, [("start", 500), ("done", 500)], "{runtime}");
    }
}

#[test]
fn the_page_explains_every_scenario() {
    let page = include_str!("../../../src/tasks.md");
    for s in EXAMPLE.scenarios {
        assert!(
            page.contains(&format!("--scenario {}", s.name)),
            "src/tasks.md never runs the scenario `{}`",
            s.name
        );
    }
}
