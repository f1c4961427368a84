//! Every scenario on every runtime: the results, their order, the timing
//! shape, and that cancelled jobs really stop.
//!
//! Times are checked against what the lesson claims, never tighter: "took at
//! least the longest delay and less than the sum", "returned at the failure,
//! before the next job was due". The jobs' delays differ by a whole unit
//! (100 ms), so a loaded machine's scheduling delays (a few ms, tens at worst)
//! cannot make a correct run fail.

use gather_wait::scenario::{expected, *};
use harness::Timeline;
use std::time::Duration;

/// Long enough that scheduling noise on a busy 2-core machine stays small beside it.
const UNIT: Duration = Duration::from_millis(100);

fn units(d: Duration) -> f64 {
    d.as_secs_f64() / UNIT.as_secs_f64()
}

/// Asserts that a run took at least `min` units and less than `max`.
fn assert_took(tl: &Timeline, min: f64, max: f64) {
    let took = units(tl.elapsed());
    assert!(
        took >= min * 0.99 && took < max,
        "took {took:.2} units, expected at least {min} and less than {max}"
    );
}

/// Asserts that these jobs were cancelled and never finished.
fn assert_stopped(tl: &Timeline, names: &[&str]) {
    let done = tl.tasks_with("done");
    let cancelled = tl.tasks_with("cancelled");
    for name in names {
        assert!(
            cancelled.contains(&name.to_string()),
            "{name} was never cancelled{}: {:?}",
            if done.contains(&name.to_string()) {
                " and ran to the end"
            } else {
                ""
            },
            tl.events()
        );
        assert!(
            !done.contains(&name.to_string()),
            "{name} finished after it was cancelled"
        );
    }
}

macro_rules! runtime_tests {
    ($module:ident, $version:path, $sleep:expr) => {
        mod $module {
            use super::*;
            use $version as rt;

            /// Runs a scenario, then waits `linger` units more on the same
            /// runtime, long enough for a job that was not really cancelled
            /// to finish and show up on the timeline.
            fn run<T>(
                linger: u32,
                scenario: impl AsyncFnOnce(Timeline, Duration) -> T,
            ) -> (T, Timeline) {
                let tl = Timeline::new();
                let out = rt::block_on(async {
                    let out = scenario(tl.clone(), UNIT).await;
                    tl.mark("test", "returned", None);
                    $sleep(UNIT * linger).await;
                    out
                });
                (out, tl)
            }

            fn returned_at(tl: &Timeline) -> f64 {
                units(tl.time_of("test", "returned").unwrap())
            }

            #[test]
            fn one_by_one_takes_the_sum_of_the_delays() {
                let (out, tl) = run(0, rt::one_by_one);
                assert_eq!(out, expected::in_submission_order(&THREE_JOBS));
                let sum = expected::sum(&THREE_JOBS) as f64;
                assert_took(&tl, sum, f64::INFINITY);
                assert_eq!(tl.tasks_with("done"), ["a", "b", "c"]);
                // Each job starts only when the one before it is done.
                for (before, after) in [("a", "b"), ("b", "c")] {
                    assert!(tl.time_of(before, "done") <= tl.time_of(after, "start"));
                }
            }

            #[test]
            fn gather_keeps_submission_order_and_takes_the_longest_delay() {
                let (out, tl) = run(0, rt::gather);
                assert_eq!(out, expected::in_submission_order(&THREE_JOBS));
                let (longest, sum) = (expected::longest(&THREE_JOBS), expected::sum(&THREE_JOBS));
                // Concurrent: the longest delay (3 units), less than the sum (6).
                assert_took(&tl, longest as f64, sum as f64);
                // The jobs finished in another order than the results came back in.
                assert_eq!(tl.tasks_with("done"), ["b", "c", "a"]);
            }

            #[test]
            fn first_error_returns_at_the_failure_and_cancels_the_rest() {
                let (out, tl) = run(3, rt::gather_first_error);
                assert_eq!(out, expected::first_error(&ONE_FAILS));
                // At b's failure (1 unit), before c was due (2 units).
                let at = returned_at(&tl);
                assert!(
                    (0.99..2.0).contains(&at),
                    "returned after {at:.2} units, not at the failure"
                );
                assert_stopped(&tl, &["a", "c"]);
            }

            #[test]
            fn every_result_keeps_errors_beside_values() {
                let (out, tl) = run(0, rt::gather_every_result);
                assert_eq!(out, expected::every_result(&ONE_FAILS));
                assert_took(&tl, 3.0, expected::sum(&ONE_FAILS) as f64);
                assert_eq!(tl.tasks_with("error"), ["b"]);
            }

            #[test]
            fn wait_with_timeout_splits_done_from_pending_and_cancels_pending() {
                let (out, tl) = run(3, rt::wait_with_timeout);
                assert_eq!(out, expected::waited(&FOUR_JOBS, WAIT_TIMEOUT_UNITS));
                // At the timeout (3 units), before c was due (4 units).
                let at = returned_at(&tl);
                assert!(
                    (2.97..4.0).contains(&at),
                    "returned after {at:.2} units, not at the timeout"
                );
                assert_stopped(&tl, &["c", "d"]);
            }

            #[test]
            fn first_completed_returns_the_fastest_and_cancels_the_others() {
                let (out, tl) = run(3, rt::first_completed);
                assert_eq!(out, 1);
                // When b was done (1 unit), before c was due (2 units).
                let at = returned_at(&tl);
                assert!((0.99..2.0).contains(&at), "returned after {at:.2} units");
                assert_stopped(&tl, &["a", "c"]);
            }

            #[test]
            fn as_completed_yields_in_completion_order() {
                let (out, tl) = run(0, rt::as_completed);
                assert_eq!(out, expected::in_completion_order(&THREE_JOBS));
                assert_took(&tl, 3.0, expected::sum(&THREE_JOBS) as f64);
            }

            #[test]
            fn groups_start_together_and_keep_their_shape() {
                let (out, tl) = run(0, rt::groups);
                assert_eq!(
                    out,
                    (
                        expected::in_submission_order(&GROUP_1),
                        expected::in_submission_order(&GROUP_2)
                    )
                );
                // Group 2 does not wait for group 1: every job starts before any is done.
                let first_done = ["a", "b", "c", "d"]
                    .iter()
                    .filter_map(|n| tl.time_of(n, "done"))
                    .min()
                    .unwrap();
                for name in ["a", "b", "c", "d"] {
                    assert!(
                        tl.time_of(name, "start").unwrap() < first_done,
                        "{:?}",
                        tl.events()
                    );
                }
                // Less than the groups one after the other (2 + 3 units).
                assert_took(&tl, 3.0, 5.0);
            }

            #[test]
            fn cancelling_a_group_stops_its_jobs_and_spares_the_other() {
                let (out, tl) = run(3, rt::cancel_group);
                // Group 1 finishes b before a: the gather must keep a, b.
                assert_eq!(tl.tasks_with("done"), ["b", "a"]);
                assert_eq!(
                    out,
                    (
                        expected::in_submission_order(&CANCEL_GROUP_1),
                        vec![None, None]
                    )
                );
                assert_stopped(&tl, &["c", "d"]);
            }

            #[test]
            fn first_exception_returns_at_the_failure_and_leaves_the_rest_running() {
                let (out, tl) = run(0, rt::first_exception);
                assert_eq!(out, expected::first_exception(&ONE_FAILS));
                let failed_at = tl.time_of("b", "error").unwrap();
                let returned_at = tl.time_of("main", "first error").unwrap();
                assert!(failed_at <= returned_at, "{:?}", tl.events());
                // Nothing cancelled a and c: they finished after the return.
                for name in ["a", "c"] {
                    assert!(tl.time_of(name, "done").unwrap() > returned_at);
                }
                assert!(tl.tasks_with("cancelled").is_empty(), "{:?}", tl.events());
            }

            #[test]
            fn a_future_starts_only_when_it_is_awaited() {
                let (out, tl) = run(0, rt::lazy_futures);
                assert_eq!(out, expected::in_submission_order(&THREE_JOBS));
                // No job started during the caller's unit of work.
                for name in ["a", "b", "c"] {
                    let start = units(tl.time_of(name, "start").unwrap());
                    assert!(
                        start >= 0.99 * LAZY_WORK_UNITS as f64,
                        "{name} started at {start:.2} units"
                    );
                }
                let longest = expected::longest(&THREE_JOBS) as f64;
                assert_took(
                    &tl,
                    LAZY_WORK_UNITS as f64 + longest,
                    expected::sum(&THREE_JOBS) as f64 + 1.0,
                );
            }
        }
    };
}

runtime_tests!(tokio, gather_wait::tokio_version, ::tokio::time::sleep);
runtime_tests!(
    async_std,
    gather_wait::async_std_version,
    ::async_std::task::sleep
);
runtime_tests!(smol, gather_wait::smol_version, ::smol::Timer::after);
