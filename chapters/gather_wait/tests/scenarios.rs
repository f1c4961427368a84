//! Every scenario on every runtime: the results, their order, the timing
//! shape (as ratios of the delay unit, so a slow machine does not fail them),
//! and that cancelled jobs really stop.

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
        took >= min * 0.98 && took < max,
        "took {took:.2} units, expected between {min} and {max}"
    );
}

/// Asserts that these jobs were cancelled and never finished.
fn assert_stopped(tl: &Timeline, names: &[&str]) {
    let done = tl.tasks_with("done");
    let cancelled = tl.tasks_with("cancelled");
    for name in names {
        assert!(
            !done.contains(&name.to_string()),
            "{name} finished after it was cancelled"
        );
        assert!(
            cancelled.contains(&name.to_string()),
            "{name} was not cancelled: {:?}",
            tl.events()
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
                assert_took(&tl, sum, sum * 1.5);
                assert_eq!(tl.tasks_with("done"), ["a", "b", "c"]);
            }

            #[test]
            fn gather_keeps_submission_order_and_takes_the_longest_delay() {
                let (out, tl) = run(0, rt::gather);
                assert_eq!(out, expected::in_submission_order(&THREE_JOBS));
                let (longest, sum) = (expected::longest(&THREE_JOBS), expected::sum(&THREE_JOBS));
                // Concurrent: about the longest delay (3 units), far below the sum (6).
                assert_took(&tl, longest as f64, (longest + sum) as f64 / 2.0);
                // The jobs finished in another order than the results came back in.
                assert_eq!(tl.tasks_with("done"), ["b", "c", "a"]);
            }

            #[test]
            fn first_error_returns_at_the_failure_and_cancels_the_rest() {
                let (out, tl) = run(3, rt::gather_first_error);
                assert_eq!(out, expected::first_error(&ONE_FAILS));
                let at = returned_at(&tl);
                assert!(
                    (1.0..1.5).contains(&at),
                    "returned after {at:.2} units, not at the failure"
                );
                assert_stopped(&tl, &["a", "c"]);
            }

            #[test]
            fn every_result_keeps_errors_beside_values() {
                let (out, tl) = run(0, rt::gather_every_result);
                assert_eq!(out, expected::every_result(&ONE_FAILS));
                assert_took(&tl, 3.0, 4.5);
                assert_eq!(tl.tasks_with("error"), ["b"]);
            }

            #[test]
            fn wait_with_timeout_splits_done_from_pending_and_cancels_pending() {
                let (out, tl) = run(3, rt::wait_with_timeout);
                assert_eq!(out, expected::waited(&FOUR_JOBS, WAIT_TIMEOUT_UNITS));
                let at = returned_at(&tl);
                assert!(
                    (3.0 * 0.98..3.5).contains(&at),
                    "returned after {at:.2} units, not at the timeout"
                );
                assert_stopped(&tl, &["c", "d"]);
            }

            #[test]
            fn first_completed_returns_the_fastest_and_cancels_the_others() {
                let (out, tl) = run(3, rt::first_completed);
                assert_eq!(out, 1);
                let at = returned_at(&tl);
                assert!((0.98..1.5).contains(&at), "returned after {at:.2} units");
                assert_stopped(&tl, &["a", "c"]);
            }

            #[test]
            fn as_completed_yields_in_completion_order() {
                let (out, tl) = run(0, rt::as_completed);
                assert_eq!(out, expected::in_completion_order(&THREE_JOBS));
                assert_took(&tl, 3.0, 4.5);
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
                // Group 2 does not wait for group 1: every job starts at once.
                let starts: Vec<f64> = ["a", "b", "c", "d"]
                    .iter()
                    .map(|n| units(tl.time_of(n, "start").unwrap()))
                    .collect();
                assert!(
                    starts.iter().all(|&s| s < 0.5),
                    "starts at {starts:?} units"
                );
                assert_took(&tl, 3.0, 4.5);
            }

            #[test]
            fn cancelling_a_group_stops_its_jobs_and_spares_the_other() {
                let (out, tl) = run(3, rt::cancel_group);
                assert_eq!(
                    out,
                    (expected::in_submission_order(&GROUP_1), vec![None, None])
                );
                assert_stopped(&tl, &["c", "d"]);
                assert_eq!(tl.tasks_with("done"), ["a", "b"]);
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
