//! Every scenario on every runtime: the results, the order in which the
//! callbacks ran against the fetches they belong to, and the timing shape.
//!
//! Times are checked against what the lesson claims, never tighter: "took at
//! least the longest delay and less than one unit more", "the callback ran
//! after its fetch and before the next fetch was done". The delays differ by
//! a whole unit (100 ms), so a loaded machine's scheduling delays (a few ms,
//! tens at worst) cannot make a correct run fail.

use callbacks::EXAMPLE;
use callbacks::scenario::{expected, *};
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
        "took {took:.2} units, expected at least {min} and less than {max}: {:?}",
        tl.events()
    );
}

/// When `task` had `event` with `value` (a mark such as the callbacks make).
fn time_of_value(tl: &Timeline, task: &str, event: &str, value: &str) -> Duration {
    tl.events()
        .into_iter()
        .find(|e| e.task == task && e.event == event && e.value.as_deref() == Some(value))
        .unwrap_or_else(|| panic!("no `{event} {value}` of {task}: {:?}", tl.events()))
        .at
}

/// Asserts that each site's callback mark (`task`, `event`, the value
/// `mark_value(site)`) came after that site's fetch was done, and before
/// the next site's fetch was: the callbacks ran as each fetch completed,
/// not all at the end.
fn assert_each_callback_follows_its_fetch(
    tl: &Timeline,
    task: &str,
    event: &str,
    mark_value: impl Fn(&Site) -> String,
) {
    let mut by_time: Vec<&Site> = SITES.iter().collect();
    by_time.sort_by_key(|s| s.units);
    let done: Vec<String> = tl.tasks_with("done");
    let urls: Vec<&str> = by_time.iter().map(|s| s.url).collect();
    assert_eq!(done, urls, "the fetches finished out of order");
    for (i, site) in by_time.iter().enumerate() {
        let fetched = tl.time_of(site.url, "done").unwrap();
        let called = time_of_value(tl, task, event, &mark_value(site));
        assert!(
            fetched <= called,
            "{task} for {} ran before its fetch was done: {:?}",
            site.url,
            tl.events()
        );
        if let Some(next) = by_time.get(i + 1) {
            let next_done = tl.time_of(next.url, "done").unwrap();
            assert!(
                called < next_done,
                "{task} for {} ran only after {} was done: {:?}",
                site.url,
                next.url,
                tl.events()
            );
        }
    }
}

/// Asserts that each step started when the one before it was done.
fn assert_steps_in_turn(tl: &Timeline, steps: &[&str]) {
    for pair in steps.windows(2) {
        let (before, after) = (pair[0], pair[1]);
        let done = tl.time_of(before, "done").unwrap();
        let start = tl.time_of(after, "start").unwrap();
        assert!(
            done <= start,
            "{after} started before {before} was done: {:?}",
            tl.events()
        );
    }
}

macro_rules! runtime_tests {
    ($module:ident, $version:path) => {
        mod $module {
            use super::*;
            use $version as rt;

            /// Runs a scenario on this runtime with a fresh timeline, and
            /// marks when it returned.
            fn run<T>(scenario: impl AsyncFnOnce(Timeline, Duration) -> T) -> (T, Timeline) {
                let tl = Timeline::new();
                let out = rt::block_on(scenario(tl.clone(), UNIT));
                tl.mark("test", "returned", None);
                (out, tl)
            }

            #[test]
            fn a_done_callback_sees_the_output_and_the_task_still_returns_it() {
                let (out, tl) = run(rt::done_callback);
                assert_eq!(out, expected::done_callback());
                // The callback saw the page once the fetch was done.
                let fetched = tl.time_of(SITE.url, "done").unwrap();
                let called = time_of_value(&tl, "callback", "saw", &SITE.page());
                assert!(fetched <= called, "{:?}", tl.events());
                assert_took(&tl, SITE.units as f64, SITE.units as f64 + 1.0);
            }

            #[test]
            fn each_closure_keeps_its_own_url_and_the_handles_keep_the_order() {
                let (out, tl) = run(rt::partial);
                assert_eq!(out, expected::in_submission_order(&SITES));
                assert_each_callback_follows_its_fetch(&tl, "report", "for", |s| s.url.to_string());
                // Concurrent: the longest fetch, not the sum.
                let longest = expected::longest(&SITES) as f64;
                assert_took(&tl, longest, longest + 1.0);
            }

            #[test]
            fn a_channel_hands_the_caller_each_report_as_it_comes() {
                let (out, tl) = run(rt::channel);
                assert_eq!(out, expected::in_completion_order(&SITES));
                assert_each_callback_follows_its_fetch(&tl, "main", "got", |s| {
                    report(s.url, &s.page())
                });
                let longest = expected::longest(&SITES) as f64;
                assert_took(&tl, longest, longest + 1.0);
                // The tasks whose handles were dropped (detached) all ran to the end.
                assert!(tl.tasks_with("cancelled").is_empty(), "{:?}", tl.events());
            }

            #[test]
            fn a_then_chain_runs_the_steps_in_turn() {
                let (out, tl) = run(rt::chain);
                assert_eq!(out, expected::pipeline());
                assert_steps_in_turn(&tl, &[PIPELINE.url, "parse", "save"]);
                let steps = expected::pipeline_units() as f64;
                assert_took(&tl, steps, steps + 1.0);
            }

            #[test]
            fn await_gives_the_same_result_in_the_same_time() {
                let (chained, chain_tl) = run(rt::chain);
                let (out, tl) = run(rt::awaited);
                assert_eq!(out, expected::pipeline());
                assert_eq!(out, chained);
                assert_steps_in_turn(&tl, &[PIPELINE.url, "parse", "save"]);
                let steps = expected::pipeline_units() as f64;
                assert_took(&tl, steps, steps + 1.0);
                // Neither way is faster: within half a unit of each other.
                let took = |tl: &Timeline| units(tl.time_of("test", "returned").unwrap());
                let gap = took(&tl) - took(&chain_tl);
                assert!(
                    gap.abs() < 0.5,
                    "awaited and chained differ by {gap:.2} units"
                );
            }

            #[test]
            fn a_nested_result_flows_back_through_await() {
                let (out, tl) = run(rt::nested);
                assert_eq!(out, expected::nested());
                // print_sum started first and finished last: add ran inside it.
                let outer = (tl.time_of("print", "start"), tl.time_of("print", "done"));
                let inner = (tl.time_of("add", "start"), tl.time_of("add", "done"));
                assert!(
                    outer.0 <= inner.0 && inner.1 <= outer.1,
                    "{:?}",
                    tl.events()
                );
                assert_took(&tl, ADD_UNITS as f64, ADD_UNITS as f64 + 1.0);
            }
        }
    };
}

runtime_tests!(tokio, callbacks::tokio_version);
runtime_tests!(async_std, callbacks::async_std_version);
runtime_tests!(smol, callbacks::smol_version);

fn expected_return(scenario: &str) -> String {
    match scenario {
        "done_callback" => format!("{:?}", expected::done_callback()),
        "partial" => format!("{:?}", expected::in_submission_order(&SITES)),
        "channel" => format!("{:?}", expected::in_completion_order(&SITES)),
        "chain" | "awaited" => format!("{:?}", expected::pipeline()),
        "nested" => format!("{:?}", expected::nested()),
        other => panic!("no expected result for the scenario `{other}`: add one here"),
    }
}

/// Every scenario returns the right thing at the shortest `--unit-ms` the
/// example accepts, on every runtime: the fetches must not reorder.
#[test]
fn every_scenario_is_right_at_the_shortest_unit() {
    let unit = EXAMPLE.min_unit_ms.to_string();
    let settings = harness::cli::settings(&EXAMPLE, &["--unit-ms", &unit]);
    for scenario in EXAMPLE.scenarios {
        for report in harness::run_scenario(scenario, &settings) {
            assert_eq!(
                report.returned,
                expected_return(scenario.name),
                "{} on {} at {unit} ms units",
                scenario.name,
                report.runtime
            );
        }
    }
}
