//! Ctrl-C on a long run (`cancel_timeout shutdown`), with a real SIGINT
//! sent to the example's process mid-run, on each runtime: it exits with
//! code 130 within a second, every finished request is in the results file
//! (and only those), and a second Ctrl-C quits at once.

mod support;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::example_binary;

const RUNTIMES: [&str; 3] = ["tokio", "async-std", "smol"];
const REQUESTS: u32 = 400;

fn results_file(runtime: &str, test: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "ctrl-c-{test}-{runtime}-{}.txt",
        std::process::id()
    ))
}

fn start(
    runtime: &str,
    server: &slow_server::RunningServer,
    out: &PathBuf,
    grace_ms: u32,
) -> Child {
    Command::new(example_binary("cancel_timeout"))
        .args(["shutdown", "--runtime", runtime, "--concurrency", "20"])
        .args([
            "--requests",
            &REQUESTS.to_string(),
            "--grace-ms",
            &grace_ms.to_string(),
        ])
        .args([
            "--server",
            &server.addr.to_string(),
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn lines_in(out: &PathBuf) -> Vec<String> {
    std::fs::read_to_string(out)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Waits until the run has saved `n` results (it is mid-run then).
fn until_saved(out: &PathBuf, n: usize) {
    let started = Instant::now();
    while lines_in(out).len() < n {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no results after 20 s"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn ctrl_c(child: &Child) {
    // SAFETY: kill(2) on our own child's pid, with a signal number.
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(sent, 0, "could not send SIGINT");
}

/// Every line is `ID<TAB>Detail ID`, and no ID comes twice.
fn check_lines(runtime: &str, lines: &[String]) {
    let mut ids = std::collections::HashSet::new();
    for line in lines {
        let (id, title) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{runtime}: `{line}`"));
        assert_eq!(title, format!("Detail {id}"), "{runtime}: `{line}`");
        assert!(ids.insert(id.to_string()), "{runtime}: {id} saved twice");
    }
}

/// The numbers in the report line `interrupted: N done (...), F failed, C cancelled, S not started`.
fn report_numbers(report: &str) -> Vec<u32> {
    report
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect()
}

#[test]
fn ctrl_c_drains_cancels_keeps_every_result_and_exits_130_within_a_second() {
    let server =
        slow_server::start(slow_server::Config::with_delay(Duration::from_millis(100))).unwrap();
    for runtime in RUNTIMES {
        let out = results_file(runtime, "once");
        let mut child = start(runtime, &server, &out, 300);
        until_saved(&out, 40);
        ctrl_c(&child);
        let signalled = Instant::now();
        let status = child.wait().unwrap();
        let took = signalled.elapsed();
        let (mut stdout, mut stderr) = (String::new(), String::new());
        std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut stdout).unwrap();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert_eq!(status.code(), Some(130), "{runtime}: {stdout}");
        assert!(
            took < Duration::from_secs(1),
            "{runtime}: exited {took:?} after Ctrl-C"
        );
        let lines = lines_in(&out);
        check_lines(runtime, &lines);
        let report = stdout
            .lines()
            .find(|l| l.starts_with("interrupted:"))
            .unwrap_or_else(|| panic!("{runtime}: no report in {stdout}"));
        let n = report_numbers(report);
        let (done, failed, cancelled, not_started) =
            (n[0], n[n.len() - 3], n[n.len() - 2], n[n.len() - 1]);
        // Every finished request is in the file, and nothing else is.
        assert_eq!(lines.len() as u32, done, "{runtime}: {report}");
        assert!(
            done as u64 <= server.stats.served(),
            "{runtime}: more results than answers"
        );
        assert_eq!(
            done + failed + cancelled + not_started,
            REQUESTS,
            "{runtime}: {report}"
        );
        assert!(
            not_started > 0,
            "{runtime}: the run was over before Ctrl-C: {report}"
        );
        let _ = std::fs::remove_file(out);
    }
}

#[test]
fn a_second_ctrl_c_quits_at_once() {
    let server =
        slow_server::start(slow_server::Config::with_delay(Duration::from_millis(100))).unwrap();
    for runtime in RUNTIMES {
        let out = results_file(runtime, "twice");
        // A grace period of 10 s: only the second Ctrl-C can end it soon.
        let mut child = start(runtime, &server, &out, 10_000);
        until_saved(&out, 20);
        ctrl_c(&child);
        let mut stderr = BufReader::new(child.stderr.take().unwrap()).lines();
        let draining = stderr
            .by_ref()
            .map_while(Result::ok)
            .find(|l| l.starts_with("Ctrl-C: no new requests"));
        assert!(
            draining.is_some(),
            "{runtime}: the first Ctrl-C was not seen"
        );
        ctrl_c(&child);
        let signalled = Instant::now();
        let status = child.wait().unwrap();
        let took = signalled.elapsed();
        assert_eq!(status.code(), Some(130), "{runtime}");
        assert!(
            took < Duration::from_millis(500),
            "{runtime}: exited {took:?} after the second Ctrl-C"
        );
        check_lines(runtime, &lines_in(&out));
        let _ = std::fs::remove_file(out);
    }
}
