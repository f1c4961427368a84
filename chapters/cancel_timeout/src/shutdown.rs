//! Ctrl-C and a graceful shutdown, shared by the three runtime versions:
//! the command line, the results file, the requests' delays and the report.
//!
//! `cargo run --example cancel_timeout -- shutdown --runtime smol` sends
//! `--requests` requests to the slow server, `--concurrency` at a time.
//! Each result is appended to `--out` as soon as it arrives. On Ctrl-C it
//! starts no new request, gives the ones in flight `--grace-ms` to finish,
//! cancels the rest, reports, and exits with code 130 (128 + SIGINT: what a
//! shell reports for a program killed by Ctrl-C). A second Ctrl-C during
//! the grace period exits at once; every result so far is already on disk.

use std::fs::File;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Duration;

const USAGE: &str = "usage: cargo run --example cancel_timeout -- shutdown [--runtime tokio|async-std|smol] \
[--requests 1-10000] [--concurrency 1-1000] [--grace-ms 0-10000] [--server 127.0.0.1:PORT] [--out FILE]";

/// The exit code of a program stopped by Ctrl-C: 128 + SIGINT (2).
pub const INTERRUPTED: u8 = 130;

/// What the command line asked for.
#[derive(Clone, Debug)]
pub struct Plan {
    pub runtime: String,
    pub requests: u32,
    pub concurrency: usize,
    pub grace: Duration,
    /// A slow server already running; without one, the program starts its own.
    pub server: Option<SocketAddr>,
    pub out: PathBuf,
}

impl Plan {
    pub fn parse(args: &[String]) -> Result<Plan, String> {
        let mut plan = Plan {
            runtime: "tokio".into(),
            requests: 200,
            concurrency: 20,
            grace: Duration::from_millis(300),
            server: None,
            out: PathBuf::from("shutdown-results.txt"),
        };
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            let value = args.next().ok_or(format!("`{flag}` needs a value"))?;
            let number = |max: u64, min: u64| match value.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(format!(
                    "`{flag}` takes a whole number from {min} to {max}, not `{value}`"
                )),
            };
            match flag.as_str() {
                "--runtime" => match value.as_str() {
                    "tokio" | "async-std" | "smol" => plan.runtime = value.clone(),
                    _ => {
                        return Err(format!(
                            "unknown runtime `{value}`; use tokio, async-std or smol"
                        ));
                    }
                },
                "--requests" => plan.requests = number(10_000, 1)? as u32,
                "--concurrency" => plan.concurrency = number(1_000, 1)? as usize,
                "--grace-ms" => plan.grace = Duration::from_millis(number(10_000, 0)?),
                "--server" => match value.parse::<SocketAddr>() {
                    Ok(addr) if addr.ip().is_loopback() => plan.server = Some(addr),
                    _ => return Err(format!("`--server` takes 127.0.0.1:PORT, not `{value}`")),
                },
                "--out" => plan.out = PathBuf::from(value),
                _ => return Err(format!("unexpected `{flag}`")),
            }
        }
        Ok(plan)
    }
}

/// The path of request `id`: a detail page, answered after a delay of 100
/// to 800 ms, so some requests in flight finish in the grace period and
/// some do not.
pub fn path(id: u32) -> String {
    format!("/detail/{id}?delay_ms={}", 100 + (id * 37 % 8) * 100)
}

/// The results file: one line per finished request, `ID<TAB>TITLE`,
/// written and flushed as each arrives, so that nothing finished is lost
/// however the program ends.
pub struct Results {
    file: Mutex<File>,
}

impl Results {
    pub fn create(path: &PathBuf) -> io::Result<Results> {
        Ok(Results {
            file: Mutex::new(File::create(path)?),
        })
    }

    /// Appends one result. A short write to a local file: the OS takes it
    /// at once, so doing it inside a task does not hold up the runtime.
    pub fn add(&self, id: u32, title: &str) {
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(file, "{id}\t{title}");
        let _ = file.flush();
    }
}

/// What a run did.
#[derive(Debug, Default, PartialEq)]
pub struct Report {
    pub interrupted: bool,
    pub done: u32,
    pub failed: u32,
    /// In flight at the end of the grace period, and dropped.
    pub cancelled: u32,
    pub not_started: u32,
}

/// `cargo run --example cancel_timeout -- shutdown ...`
pub fn main(args: &[std::ffi::OsString]) -> ExitCode {
    let args: Result<Vec<String>, _> = args.iter().map(|a| a.clone().into_string()).collect();
    let Ok(args) = args else {
        eprintln!("error: an argument is not valid UTF-8\n{USAGE}");
        return ExitCode::from(2);
    };
    let plan = match Plan::parse(&args) {
        Ok(plan) => plan,
        Err(why) => {
            eprintln!("error: {why}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let own_server;
    let addr = match plan.server {
        Some(addr) => addr,
        None => {
            match slow_server::start(slow_server::Config::with_delay(Duration::from_millis(100))) {
                Ok(server) => {
                    own_server = server;
                    own_server.addr
                }
                Err(e) => {
                    eprintln!("error: could not start the slow server: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    let results = match Results::create(&plan.out) {
        Ok(results) => std::sync::Arc::new(results),
        Err(e) => {
            eprintln!(
                "error: cannot write `{}`: {e}; give a writable --out FILE",
                plan.out.display()
            );
            return ExitCode::from(2);
        }
    };
    eprintln!(
        "{} requests, {} at a time, on {}; results go to {}. Press Ctrl-C to stop.",
        plan.requests,
        plan.concurrency,
        plan.runtime,
        plan.out.display()
    );
    let report = match plan.runtime.as_str() {
        "tokio" => crate::tokio_version::block_on(crate::tokio_version::run_until_ctrl_c(
            addr, &plan, results,
        )),
        "async-std" => crate::async_std_version::block_on(
            crate::async_std_version::run_until_ctrl_c(addr, &plan, results),
        ),
        _ => crate::smol_version::block_on(crate::smol_version::run_until_ctrl_c(
            addr, &plan, results,
        )),
    };
    println!(
        "{}: {} done (in {}), {} failed, {} cancelled, {} not started",
        if report.interrupted {
            "interrupted"
        } else {
            "finished"
        },
        report.done,
        plan.out.display(),
        report.failed,
        report.cancelled,
        report.not_started
    );
    if report.interrupted {
        ExitCode::from(INTERRUPTED)
    } else {
        ExitCode::SUCCESS
    }
}
