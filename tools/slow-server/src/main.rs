//! The slow server as a program.
//!
//! ```text
//! cargo run --bin slow-server -- --port 8000 --delay-ms 3000
//! curl http://127.0.0.1:8000/detail/7
//! ```
//!
//! It binds 127.0.0.1 only, prints the address it bound (`--port 0` picks a
//! free port), and stops cleanly on Ctrl-C.

use slow_server::{Config, Stats, bind, serve};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

const HELP: &str = "\
A local HTTP server that answers slowly, for experiments with concurrent clients.

Usage: cargo run --bin slow-server -- [OPTIONS]

Options:
  --port N          port on 127.0.0.1; 0 picks a free one (default: 8000)
  --delay-ms N      how long every answer waits (default: 1000)
  --fail-500 PCT    share of requests answered with a 500 (default: 0)
  --fail-close PCT  share of requests whose connection is closed unanswered (default: 0)
  --fail-hang PCT   share of requests never answered (default: 0)
  --hang-ms N       how long a hanging request holds its connection (default: 60000)
  --seed N          picks which requests fail; the same seed fails the same ones (default: 1)
  --help            print this help

Paths:
  /  /hello         a greeting
  /detail/ID        an HTML page titled `Detail ID`
  /status/CODE      an empty answer with that status (200-599)
  /stats            counters as JSON, at once
  ?delay_ms=N       on any path: wait N ms instead of the server's delay
  ?fail=500|close|hang  on any path: fail this request that way
";

fn parse(args: &[String]) -> Result<Option<Config>, String> {
    let mut config = Config {
        port: 8000,
        ..Config::default()
    };
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        if flag == "--help" || flag == "-h" {
            return Ok(None);
        }
        let value = args
            .get(i + 1)
            .ok_or_else(|| format!("`{flag}` needs a value"))?;
        let number = |max: u64| -> Result<u64, String> {
            value
                .parse::<u64>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| {
                    format!("`{flag}` takes a whole number from 0 to {max}, not `{value}`")
                })
        };
        match flag {
            "--port" => config.port = number(65535)? as u16,
            "--delay-ms" => config.delay = Duration::from_millis(number(3_600_000)?),
            "--fail-500" => config.fail_500_percent = number(100)? as u8,
            "--fail-close" => config.fail_close_percent = number(100)? as u8,
            "--fail-hang" => config.fail_hang_percent = number(100)? as u8,
            "--hang-ms" => config.hang_for = Duration::from_millis(number(3_600_000)?),
            "--seed" => config.seed = number(u64::MAX)?,
            _ => {
                return Err(format!(
                    "unknown flag `{flag}`; allowed: --port, --delay-ms, --fail-500, --fail-close, --fail-hang, --hang-ms, --seed, --help"
                ));
            }
        }
        i += 2;
    }
    config.validate()?;
    Ok(Some(config))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match parse(&args) {
        Ok(Some(config)) => config,
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!(
                "error: {message}\n\nRun `cargo run --bin slow-server -- --help` to see what is allowed."
            );
            return ExitCode::from(2);
        }
    };
    // One thread is enough: waiting requests are sleeping tasks, not threads.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("could not start the tokio runtime");
    runtime.block_on(async {
        let listener = match bind(config.port) {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!(
                    "error: cannot listen on 127.0.0.1:{}: {e}\nTry another port, or `--port 0` for a free one.",
                    config.port
                );
                return ExitCode::FAILURE;
            }
        };
        let addr = listener.local_addr().expect("a bound socket has an address");
        println!(
            "slow-server listening on http://{addr} (answers wait {} ms; Ctrl-C stops it)",
            config.delay.as_millis()
        );
        let stats = Arc::new(Stats::default());
        serve(listener, Arc::new(config), stats.clone(), async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
        println!(
            "slow-server stopped after answering {} requests (at most {} at once)",
            stats.served(),
            stats.peak_in_flight()
        );
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_flags() {
        let c = parse(&args(&[
            "--port",
            "0",
            "--delay-ms",
            "250",
            "--fail-500",
            "10",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(
            (c.port, c.delay, c.fail_500_percent),
            (0, Duration::from_millis(250), 10)
        );
        assert!(parse(&args(&["--help"])).unwrap().is_none());
    }

    #[test]
    fn bad_flags_say_what_is_allowed() {
        let err = |a: &[&str]| parse(&args(a)).unwrap_err();
        assert!(err(&["--port", "70000"]).contains("from 0 to 65535"));
        assert!(err(&["--delay"]).contains("needs a value"));
        assert!(err(&["--delay", "5"]).contains("unknown flag `--delay`"));
        assert!(err(&["--fail-500", "70", "--fail-hang", "40"]).contains("110%"));
    }
}
