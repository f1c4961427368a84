//! The `processes` scenario starts the running program again as its
//! children. This test program has its own `main` (no libtest harness), so
//! that the children started from it do what the example's children do,
//! or, when given one of the paths below, die the ways a child can die.
//! Each way must end in an error, never in a short list of pages.

use blocking_vs_nonblocking::{EXAMPLE, scenario::*, std_version};
use harness::{Settings, Timeline};
use std::io::Write;
use std::process::ExitCode;

/// A child given this path exits successfully without reporting anything.
const SAYS_NOTHING: &str = "/detail/5";
/// A child given this path exits with a failure before it reports anything.
const CRASHES: &str = "/detail/6";

fn main() -> ExitCode {
    if std::env::var_os(std_version::CHILD_ENV).is_some() {
        let paths: Vec<String> = std::env::args().skip(1).collect();
        if paths.iter().any(|path| path == SAYS_NOTHING) {
            return ExitCode::SUCCESS;
        }
        if paths.iter().any(|path| path == CRASHES) {
            return ExitCode::from(3);
        }
        return std_version::child_main().expect("a child knows the server's address");
    }
    let tests: [(&str, fn()); 4] = [
        ("children_fetch_their_shares", children_fetch_their_shares),
        (
            "a_refused_connection_in_a_child_is_an_error",
            a_refused_connection_in_a_child_is_an_error,
        ),
        (
            "a_child_that_ends_without_reporting_is_an_error",
            a_child_that_ends_without_reporting_is_an_error,
        ),
        (
            "a_child_that_crashes_is_an_error",
            a_child_that_crashes_is_an_error,
        ),
    ];
    for (name, test) in tests {
        print!("test {name} ... ");
        let _ = std::io::stdout().flush();
        test(); // a failed check panics, and the test program fails
        println!("ok");
    }
    ExitCode::SUCCESS
}

fn settings(requests: u32, workers: u32) -> Settings {
    let (requests, workers) = (requests.to_string(), workers.to_string());
    harness::cli::settings(
        &EXAMPLE,
        &[
            "--requests",
            &requests,
            "--workers",
            &workers,
            "--unit-ms",
            "50",
        ],
    )
}

fn children_fetch_their_shares() {
    let s = settings(4, 2);
    let server = start_server(&s);
    let tl = Timeline::new();
    let titles = std_version::processes(&tl, &s, server.addr).unwrap();
    assert_eq!(titles, expected_titles(&s));
    assert_eq!(tl.tasks_with("done").len(), 4, "{:?}", tl.events());
}

fn a_refused_connection_in_a_child_is_an_error() {
    let s = settings(4, 2);
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    }; // nothing listens on that port now
    let tl = Timeline::new();
    let err = std_version::processes(&tl, &s, closed).unwrap_err();
    let message = err.to_string();
    assert!(message.to_lowercase().contains("refused"), "{message}");
    assert!(
        message.contains("4 of 4 pages never came back"),
        "{message}"
    );
    // Each child stops at its first failure: r1 and r2 failed, r3 and r4
    // were never asked for.
    let mut failed = tl.tasks_with("error");
    failed.sort(); // the two children race
    assert_eq!(failed, ["r1", "r2"], "{:?}", tl.events());
    assert_eq!(tl.tasks_with("cancelled"), Vec::<String>::new());
}

fn a_child_that_ends_without_reporting_is_an_error() {
    // Shares: [1, 3, 5] says nothing and exits with success; [2, 4] works.
    let s = settings(5, 2);
    let server = start_server(&s);
    let err = std_version::processes(&Timeline::new(), &s, server.addr).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("3 of 5 pages never came back"),
        "{message}"
    );
    assert!(!message.contains("exit status"), "{message}");
}

fn a_child_that_crashes_is_an_error() {
    // Shares: [1, 4] works, [2, 5] says nothing, [3, 6] crashes.
    let s = settings(6, 3);
    let server = start_server(&s);
    let err = std_version::processes(&Timeline::new(), &s, server.addr).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("a child process ended with exit status: 3"),
        "{message}"
    );
    assert!(
        message.contains("4 of 6 pages never came back"),
        "{message}"
    );
}
