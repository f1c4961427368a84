//! `cargo run --example bridging -- --scenario processes`: the requests
//! split between worker processes (the example started again) all come
//! back, and a worker given a bad order says so instead of running.

mod support;

use std::process::Command;
use support::{example_binary, text};

#[test]
fn two_worker_processes_make_the_same_requests_as_one() {
    for runtime in ["tokio", "async-std", "smol"] {
        let out = support::run_example(
            "bridging",
            &[
                "--scenario",
                "processes",
                "--runtime",
                runtime,
                "--unit-ms",
                "50",
            ],
        );
        let stdout = text(&out.stdout);
        assert!(out.status.success(), "{runtime}: {}", text(&out.stderr));
        assert!(
            stdout.contains("1 process: 50 ok in") && stdout.contains("2 processes: 50 ok in"),
            "{runtime}: {stdout}"
        );
    }
}

#[test]
fn a_worker_with_a_bad_order_exits_2_and_says_what_it_expected() {
    for order in ["smol fifty 127.0.0.1:1", "smol 5 10.0.0.1:80", "smol 5"] {
        let out = Command::new(example_binary("bridging"))
            .env(bridging_worker_env(), order)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{order}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("RUNTIME REQUESTS 127.0.0.1:PORT"),
            "{stderr}"
        );
    }
}

fn bridging_worker_env() -> &'static str {
    bridging::processes::WORKER_ENV
}
