//! Cancelling, timeouts and the token, on every runtime at the shortest
//! unit the example accepts: what comes back, and when the timeline says
//! the job was cancelled or finished.

use cancel_timeout::scenario::*;
use cancel_timeout::{EXAMPLE, async_std_version, smol_version, tokio_version};
use harness::Timeline;
use std::time::Duration;

fn unit() -> Duration {
    Duration::from_millis(EXAMPLE.min_unit_ms)
}

/// `(runtime, what it returned, its timeline)` for each runtime.
macro_rules! on_each {
    ($scenario:ident) => {{
        let unit = unit();
        let tl = Timeline::new();
        let tokio = (
            "tokio",
            tokio_version::block_on(tokio_version::$scenario(tl.clone(), unit)),
            tl,
        );
        let tl = Timeline::new();
        let async_std = (
            "async-std",
            async_std_version::block_on(async_std_version::$scenario(tl.clone(), unit)),
            tl,
        );
        let tl = Timeline::new();
        let smol = (
            "smol",
            smol_version::block_on(smol_version::$scenario(tl.clone(), unit)),
            tl,
        );
        [tokio, async_std, smol]
    }};
}

/// `at` lies in `[units, units + 1)` units.
fn within_the_unit(at: Duration, units: u32, what: &str) {
    let u = unit();
    assert!(
        at >= u * units && at < u * (units + 1),
        "{what} at {at:?}, not in unit {units}"
    );
}

#[test]
fn a_cancelled_task_stops_at_its_await_and_cleans_up() {
    for (runtime, got, tl) in on_each!(cancel_at_await) {
        assert_eq!(got, None, "{runtime}");
        let cancelled = tl.time_of("job", "cancelled").expect("job cancelled");
        within_the_unit(cancelled, CANCEL_AT_UNITS, &format!("{runtime}: cancel"));
        let cleaned = tl.time_of("clean-up", "ran").expect("clean-up ran");
        assert!(cleaned <= cancelled, "{runtime}: clean-up after the end");
        within_the_unit(cleaned, CANCEL_AT_UNITS, &format!("{runtime}: clean-up"));
    }
}

#[test]
fn a_timeout_on_a_future_cancels_it() {
    for (runtime, got, tl) in on_each!(timeout) {
        assert_eq!(got, Waited::TimedOut, "{runtime}");
        let cancelled = tl.time_of("job", "cancelled").expect("job cancelled");
        within_the_unit(cancelled, TIMEOUT_UNITS, &format!("{runtime}: cancel"));
    }
}

#[test]
fn a_timeout_on_a_handle_detaches_on_tokio_and_async_std_and_cancels_on_smol() {
    for (runtime, got, tl) in on_each!(timeout_on_handle) {
        if runtime == "smol" {
            assert_eq!(got, (Waited::TimedOut, "cancelled"), "{runtime}");
        } else {
            assert_eq!(got, (Waited::TimedOut, "done"), "{runtime}");
            let done = tl.time_of("job", "done").unwrap();
            within_the_unit(done, JOB_UNITS, &format!("{runtime}: done"));
        }
    }
}

#[test]
fn a_shielded_job_outlives_the_timeout_and_its_result_is_kept() {
    for (runtime, got, tl) in on_each!(shield) {
        assert_eq!(got, (Waited::TimedOut, JOB_UNITS), "{runtime}");
        assert_eq!(tl.time_of("job", "cancelled"), None, "{runtime}");
    }
}

#[test]
fn a_deadline_runs_out_where_per_step_timeouts_do_not() {
    for (runtime, got, tl) in on_each!(deadline_vs_step) {
        assert_eq!(got, (Ok(STEPS), Err(STEPS)), "{runtime}");
        // The deadline's third step is cut at 2.5 units into its run.
        let cut = tl.time_of("step 6", "cancelled").expect("step 6 cut");
        let started = tl.time_of("step 4", "start").unwrap();
        let after = (cut - started).as_secs_f64() / unit().as_secs_f64();
        assert!(
            (2.4..3.0).contains(&after),
            "{runtime}: cut {after:.2} units in"
        );
    }
}

#[test]
fn a_worker_told_to_stop_drops_its_step_and_flushes() {
    for (runtime, got, tl) in on_each!(token) {
        assert_eq!(
            got,
            Stopped {
                steps: STOP_AT_UNITS,
                flushed: true
            },
            "{runtime}"
        );
        assert!(tl.time_of("step 3", "cancelled").is_some(), "{runtime}");
        let flushed = tl.time_of("flush", "done").unwrap();
        assert!(
            flushed >= unit() * 7 / 2,
            "{runtime}: flushed at {flushed:?}"
        );
    }
}

#[test]
fn a_task_group_cancels_the_others_at_the_first_error_and_leaves_no_orphan() {
    for (runtime, got, tl) in on_each!(task_group) {
        assert_eq!(got, Err(failure("b")), "{runtime}");
        // By the time the group returned, the others had been stopped (the
        // tokio runtime is dropped after the group returns, which would
        // cancel an orphan too, but later than this)...
        let mut cancelled = tl.tasks_with("cancelled");
        cancelled.sort();
        assert_eq!(cancelled, ["a", "c"], "{runtime}");
        let returned = tl.time_of("group", "returned").expect("the group returned");
        for name in ["a", "c"] {
            let at = tl.time_of(name, "cancelled").unwrap();
            within_the_unit(at, 1, runtime);
            assert!(
                at <= returned,
                "{runtime}: {name} was stopped after the group returned"
            );
        }
        // ...and none of them ever finishes.
        std::thread::sleep(unit() * 3);
        assert!(
            tl.tasks_with("done").is_empty(),
            "{runtime}: an orphan finished"
        );
    }
}
