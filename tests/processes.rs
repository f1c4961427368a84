//! The `processes` scenario of `blocking_vs_nonblocking` starts the example
//! program again as its children; run it through the program and read its
//! JSON trace.

mod support;
use support::*;

#[test]
fn processes_share_the_requests_and_run_side_by_side() {
    let out = run_example(
        "blocking_vs_nonblocking",
        &[
            "--scenario",
            "processes",
            "--requests",
            "6",
            "--workers",
            "3",
            "--unit-ms",
            "200",
            "--trace",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let trace = text(&out.stdout);
    let done: Vec<&str> = trace
        .lines()
        .filter(|l| l.contains("\"event\":\"done\""))
        .collect();
    assert_eq!(done.len(), 6, "{trace}");
    for id in 1..=6 {
        assert!(
            trace.contains(&format!("\"value\":\"\\\"Detail {id}\\\"\"")),
            "no Detail {id} in {trace}"
        );
    }
    let returned = trace
        .lines()
        .find(|l| l.contains("\"event\":\"returned\""))
        .unwrap();
    assert!(
        returned.contains("6 pages; the server saw 3 at once"),
        "{returned}"
    );
    // Three processes, two requests each: at least 2 delays (400 ms), and
    // less than the 6 (1200 ms) of one request after another. The server's
    // peak of 3 above already shows that the processes overlapped.
    let at_ms: f64 = returned
        .split("\"at_ms\":")
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((400.0..1200.0).contains(&at_ms), "took {at_ms} ms");
}
