//! The C10k benchmark (benches/c10k.rs) at a small size: every server
//! answers every one of 200 connections with no error, and the table and
//! the C10M lines are printed. The benchmark's figures vary from run to run;
//! the book quotes one recorded run and this test checks none of them.
//!
//! Its own `main` (`harness = false`): the benchmark starts each server by
//! running its own program again, which here is this test.

#[path = "../benches/c10k.rs"]
mod c10k;

use std::process::{Command, ExitCode};

const RUN: &str = "C10K_TEST_RUN";

fn main() -> ExitCode {
    if std::env::var_os(RUN).is_some() {
        return c10k::main(); // the benchmark, or one of its servers
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .env(RUN, "1")
        .args(["--connections", "200", "--delay-ms", "100"])
        .output()
        .expect("could not run the benchmark");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let fail = |why: &str| {
        eprintln!("c10k benchmark: {why}\n--- stdout:\n{stdout}\n--- stderr:\n{stderr}");
        ExitCode::FAILURE
    };
    if !out.status.success() {
        return fail(&format!("it exited with {}", out.status));
    }
    let header: Vec<&str> = match stdout.lines().find(|l| l.starts_with("server ")) {
        Some(line) => line.split_whitespace().collect(),
        None => return fail("no table header"),
    };
    let columns = [
        "server", "answered", "errors", "time", "peak", "RSS", "RSS/conn", "virtual",
    ];
    if !columns.iter().all(|c| header.contains(c)) || !header.contains(&"kernel/conn") {
        return fail(&format!("the header lacks a column: {header:?}"));
    }
    for server in ["threads", "epoll", "tokio", "async-std", "smol"] {
        let row = stdout
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>())
            .find(|words| words.first() == Some(&server));
        match row.as_deref() {
            Some([_, "200", "0", time, "s", ..]) if time.parse::<f64>().is_ok() => {}
            _ => return fail(&format!("{server} did not answer all 200 with 0 errors")),
        }
    }
    if !stdout.contains("C10M on paper") {
        return fail("no C10M lines after the table");
    }
    println!("c10k benchmark: 5 servers answered 200 connections each, 0 errors");
    ExitCode::SUCCESS
}
