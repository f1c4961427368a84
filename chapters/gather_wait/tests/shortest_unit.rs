//! Every scenario returns the right thing at the shortest `--unit-ms` the
//! example accepts, on every runtime: the jobs must not reorder, a pending
//! job must not beat the timeout, and a cancelled job must not finish.

use gather_wait::EXAMPLE;
use gather_wait::scenario::{expected, *};

fn expected_return(scenario: &str) -> String {
    match scenario {
        "one_by_one" | "gather" | "lazy_futures" => {
            format!("{:?}", expected::in_submission_order(&THREE_JOBS))
        }
        "first_error" => format!("{:?}", expected::first_error(&ONE_FAILS)),
        "every_result" => format!("{:?}", expected::every_result(&ONE_FAILS)),
        "wait_timeout" => format!("{:?}", expected::waited(&FOUR_JOBS, WAIT_TIMEOUT_UNITS)),
        "first_completed" => format!("{:?}", expected::in_completion_order(&THREE_JOBS)[0]),
        "as_completed" => format!("{:?}", expected::in_completion_order(&THREE_JOBS)),
        "groups" => format!(
            "{:?}",
            (
                expected::in_submission_order(&GROUP_1),
                expected::in_submission_order(&GROUP_2)
            )
        ),
        "cancel_group" => format!(
            "{:?}",
            (
                expected::in_submission_order(&CANCEL_GROUP_1),
                vec![None::<u32>, None]
            )
        ),
        "first_exception" => format!("{:?}", expected::first_exception(&ONE_FAILS)),
        other => panic!("no expected result for the scenario `{other}`: add one here"),
    }
}

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
