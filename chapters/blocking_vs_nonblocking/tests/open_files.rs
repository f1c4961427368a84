//! Many requests in flight need many open files. With a low limit the
//! example raises it when it may, and otherwise fails before it starts with
//! a message that says how to raise it, instead of "Too many open files" in
//! the middle of a run.
//!
//! This test lowers its own process's limits, which cannot be raised again:
//! it lives alone in this file, so that it runs in a process of its own.
#![cfg(target_os = "linux")]

use blocking_vs_nonblocking::{EXAMPLE, check_before_running, open_files};
use std::ffi::OsString;

fn set_limits(soft: u64, hard: u64) {
    let limit = libc::rlimit {
        rlim_cur: soft as libc::rlim_t,
        rlim_max: hard as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct and keeps no pointer to it.
    assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) }, 0);
}

fn args(words: &[&str]) -> Vec<OsString> {
    words.iter().map(OsString::from).collect()
}

#[test]
fn a_low_limit_is_raised_when_it_may_be_and_explained_when_not() {
    let (_, hard) = open_files::limits().unwrap();
    if hard < 4096 {
        eprintln!("skipped: the hard limit ({hard}) is already below what the test needs");
        return;
    }
    let thousand = args(&["--requests", "1000", "--scenario", "async"]);

    // A soft limit of 256 with room below the hard one: raised, the run may go on.
    set_limits(256, 4096);
    check_before_running(thousand.clone()).unwrap();
    let (soft, _) = open_files::limits().unwrap();
    assert!(
        soft >= open_files::needed_for(1000),
        "soft limit now {soft}"
    );

    // The sequential and threads scenarios need few files whatever --requests says.
    set_limits(256, 256);
    let few = args(&[
        "--requests",
        "1000",
        "--workers",
        "4",
        "--scenario",
        "sequential,threads",
    ]);
    check_before_running(few).unwrap();

    // A hard limit too low: a clear error before anything runs.
    let message = check_before_running(thousand).unwrap_err();
    for words in [
        "1000 requests in flight",
        "256",
        "ulimit -n 4096",
        "fewer requests",
    ] {
        assert!(message.contains(words), "{words:?} missing from: {message}");
    }

    // The scenario itself says the same when it is run without `main`, as
    // the benchmark and the notebooks do; the harness marks the run failed.
    let settings = harness::cli::settings(&EXAMPLE, &["--requests", "1000", "--runtime", "smol"]);
    let scenario = EXAMPLE
        .scenarios
        .iter()
        .find(|s| s.name == "async")
        .unwrap();
    let report = harness::run_scenario(scenario, &settings).remove(0);
    assert!(report.failed);
    assert!(
        report.returned.contains("ulimit -n 4096"),
        "{}",
        report.returned
    );
}
