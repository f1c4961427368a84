//! `cargo run --example queues` between processes: the example starts
//! itself again as a child (`QUEUES_CHILD` says what the child does), so
//! these checks run the built example; and a child given a job it does
//! not know says so and exits 2.

mod support;

use std::process::Command;
use support::{example_binary, text};

fn run(scenario: &str) -> String {
    let out = support::run_example("queues", &["--scenario", scenario, "--unit-ms", "50"]);
    assert!(out.status.success(), "{scenario}: {}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn a_message_to_a_child_comes_back_answered() {
    let out = run("pipe_to_child");
    assert!(out.contains(r#"the child answered "got a""#), "{out}");
}

#[test]
fn two_children_change_the_map_only_the_parent_owns() {
    let out = run("shared_state");
    assert!(
        out.contains(r#"the parent's map: {"f": 25, "f2": 27}"#),
        "{out}"
    );
}

#[test]
fn every_message_reaches_the_counting_child() {
    // The child counts the messages, and the parent checks the count.
    let out = run("throughput");
    assert!(out.contains("M/s: pipe"), "{out}");
}

#[test]
fn a_child_with_a_job_it_does_not_know_exits_2_and_says_what_it_expected() {
    for job in ["sing", "count twice", "set f", "set f many"] {
        let out = Command::new(example_binary("queues"))
            .env(queues::processes::CHILD_ENV, job)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{job}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("unset it to run the example") || stderr.contains("is not"),
            "{job}: {stderr}"
        );
    }
}
