//! The slow server as a program.
//!
//! ```text
//! cargo run --bin slow-server -- --port 8000 --delay-ms 3000
//! curl http://127.0.0.1:8000/detail/7
//! ```
//!
//! It binds 127.0.0.1 only and prints the address it bound (`--port 0` picks
//! a free port). Ctrl-C or SIGTERM stops it as [`HELP`] says.

use slow_server::{Config, Stats, Stopped, bind, serve};
use std::ffi::OsString;
use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

const HELP: &str = "\
A local HTTP server that answers slowly, for experiments with concurrent clients.

Usage: cargo run --bin slow-server -- [OPTIONS]

Options:
  --port N          port on 127.0.0.1; 0 picks a free one (default: 8000)
  --delay-ms N      how long every answer waits, up to 3600000 (default: 1000)
  --fail-500 PCT    share of requests answered with a 500 (default: 0)
  --fail-close PCT  share of requests whose connection is closed unanswered (default: 0)
  --fail-hang PCT   share of requests never answered (default: 0)
  --hang-ms N       how long a hanging request holds its connection (default: 60000)
  --seed N          picks which requests fail, and draws the site (default: 1)
  --site-pages N    a site of N linked pages, /site/0 up, 0-1000000 (default: 0)
  --site-links N    links on each page, up to 50 (default: 4)
  --site-broken PCT share of links to pages that do not exist (default: 3)
  --site-slow PCT   share of pages that wait --site-slow-ms instead (default: 2)
  --site-slow-ms N  how long a slow page waits, up to 60000 (default: 200)
  --site-dead PCT   share of pages that always answer 500 (default: 1)
  --help            print this help

Paths:
  /  /hello         a greeting
  /detail/ID        an HTML page titled `Detail ID`
  /status/CODE      an empty answer with that status (200-599)
  /stats            counters as JSON, at once
  /site/N           page N of the site (--site-pages): HTML with <a href=\"/site/M\">
                    links; the root is /site/0; the same seed, the same site
  ?delay_ms=N       on any path: wait N ms (0-60000) instead of the server's delay
  ?fail=500|close|hang  on any path: fail this request that way

Limits: a request head may have 16 KiB and must arrive within 10 s (431 and
408 otherwise); a body needs a Content-Length of at most 64 KiB (413 above,
501 for Transfer-Encoding); a bad ?delay_ms or ?fail is answered 400. A client
that goes away during its delay is let go at once; a kept-alive connection
idle for 60 s is closed.

Stopping: Ctrl-C (SIGINT) or SIGTERM stops accepting connections, answers
every request still waiting with 503 at once, closes idle connections, waits
at most 2 s for those answers to leave, prints a summary and exits with 0.
";

/// Every flag that takes a value.
const FLAGS: [&str; 13] = [
    "--port",
    "--delay-ms",
    "--fail-500",
    "--fail-close",
    "--fail-hang",
    "--hang-ms",
    "--seed",
    "--site-pages",
    "--site-links",
    "--site-broken",
    "--site-slow",
    "--site-slow-ms",
    "--site-dead",
];

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
        if !FLAGS.contains(&flag) {
            return Err(format!(
                "unknown flag `{flag}`; allowed: {}, --help",
                FLAGS.join(", ")
            ));
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
            "--seed" => {
                config.seed = number(u64::MAX)?;
                config.site.seed = config.seed;
            }
            "--site-pages" => config.site.pages = number(slow_server::site::MAX_PAGES)?,
            "--site-links" => {
                config.site.links = number(slow_server::site::MAX_LINKS as u64)? as u32
            }
            "--site-broken" => config.site.broken_percent = number(100)? as u8,
            "--site-slow" => config.site.slow_percent = number(100)? as u8,
            "--site-slow-ms" => {
                config.site.slow = Duration::from_millis(number(slow_server::MAX_REQUEST_DELAY_MS)?)
            }
            "--site-dead" => config.site.dead_percent = number(100)? as u8,
            _ => unreachable!("every flag in FLAGS has its arm"),
        }
        i += 2;
    }
    config.validate()?;
    Ok(Some(config))
}

/// The arguments as text; one that is not UTF-8 is an error that shows it.
fn utf8_args(args: impl Iterator<Item = OsString>) -> Result<Vec<String>, String> {
    args.map(|arg| {
        arg.into_string().map_err(|arg| {
            format!(
                "the argument `{}` is not valid UTF-8",
                arg.to_string_lossy()
            )
        })
    })
    .collect()
}

/// Prints a line on stdout. The server goes on serving if nobody reads it
/// any more (`| head`, a closed pipe): a lost line is not worth stopping for.
fn say(line: fmt::Arguments) {
    let _ = writeln!(io::stdout().lock(), "{line}");
}

/// Prints an error on stderr; if that is closed too, there is nobody to tell.
fn complain(line: fmt::Arguments) {
    let _ = writeln!(io::stderr().lock(), "error: {line}");
}

fn main() -> ExitCode {
    let config = match utf8_args(std::env::args_os().skip(1)).and_then(|args| parse(&args)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            return match io::stdout().lock().write_all(HELP.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                // Whoever asked for the help stopped reading: nothing was lost.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    complain(format_args!("cannot print the help: {e}"));
                    ExitCode::FAILURE
                }
            };
        }
        Err(message) => {
            complain(format_args!(
                "{message}\n\nRun `cargo run --bin slow-server -- --help` to see what is allowed."
            ));
            return ExitCode::from(2);
        }
    };
    // One thread is enough: waiting requests are sleeping tasks, not threads.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            complain(format_args!("cannot start the tokio runtime: {e}"));
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(config))
}

async fn run(config: Config) -> ExitCode {
    let listener = match bind(config.port) {
        Ok(listener) => listener,
        Err(e) => {
            complain(format_args!(
                "cannot listen on 127.0.0.1:{}: {e}\nTry another port, or `--port 0` for a free one.",
                config.port
            ));
            return ExitCode::FAILURE;
        }
    };
    // Listen for the signals before saying where the server is: whoever reads
    // that line may send one at once.
    let stop_signal = match StopSignal::listen() {
        Ok(signal) => signal,
        Err(e) => {
            complain(format_args!("cannot listen for Ctrl-C and SIGTERM: {e}"));
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(addr) => say(format_args!(
            "slow-server listening on http://{addr} (answers wait {} ms; Ctrl-C or SIGTERM stops it)",
            config.delay.as_millis()
        )),
        Err(e) => complain(format_args!("cannot tell which address was bound: {e}")),
    }
    let stats = Arc::new(Stats::default());
    let stopped = serve(
        listener,
        Arc::new(config),
        stats.clone(),
        stop_signal.wait(),
    )
    .await;
    say(format_args!("{}", summary(&stats, stopped)));
    ExitCode::SUCCESS
}

/// The last line the program prints.
fn summary(stats: &Stats, stopped: Stopped) -> String {
    let mut line = format!(
        "slow-server stopped after answering {} (at most {} at once; {} before their answer)",
        count(stats.served(), "request", "requests"),
        stats.peak_in_flight(),
        count(stats.abandoned(), "client left", "clients left"),
    );
    match stopped.in_flight {
        0 => {}
        1 => line += "; the request in flight was answered 503",
        n => line += &format!("; the {n} requests in flight were answered 503"),
    }
    match stopped.unfinished {
        0 => {}
        1 => line += "; 1 connection was closed before its answer had left",
        n => line += &format!("; {n} connections were closed before their answers had left"),
    }
    line
}

/// `1 request`, `2 requests`.
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Ctrl-C (SIGINT) and, on Unix, SIGTERM.
struct StopSignal {
    #[cfg(unix)]
    signals: [tokio::signal::unix::Signal; 2],
}

impl StopSignal {
    /// Takes the signals over from now on: without this, SIGTERM would end
    /// the process before it answers what it holds.
    fn listen() -> io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(StopSignal {
                signals: [
                    signal(SignalKind::interrupt())?,
                    signal(SignalKind::terminate())?,
                ],
            })
        }
        #[cfg(not(unix))]
        {
            Ok(StopSignal {})
        }
    }

    async fn wait(self) {
        #[cfg(unix)]
        {
            let [mut interrupt, mut terminate] = self.signals;
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
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
        assert!(err(&["--delay-ms"]).contains("`--delay-ms` needs a value"));
        for unknown in [&["--delay"][..], &["--delay", "5"], &["-p"]] {
            let message = err(unknown);
            assert!(message.starts_with("unknown flag"), "{message}");
            assert!(message.contains("--delay-ms, --fail-500"), "{message}");
        }
        assert!(err(&["--fail-500", "70", "--fail-hang", "40"]).contains("110%"));
        assert!(err(&["--site-links", "51"]).contains("from 0 to 50"));
        assert!(err(&["--site-slow", "60", "--site-dead", "50"]).contains("100% at most"));
        let c = parse(&args(&["--seed", "9", "--site-pages", "300"]))
            .unwrap()
            .unwrap();
        assert_eq!((c.site.pages, c.site.seed), (300, 9));
    }

    #[test]
    fn the_help_and_the_code_agree_on_the_limits() {
        assert!(HELP.contains(&format!("(0-{})", slow_server::MAX_REQUEST_DELAY_MS)));
        let config = Config::default();
        assert!(HELP.contains(&format!("within {} s", config.head_timeout.as_secs())));
        assert!(HELP.contains(&format!("idle for {} s", config.idle_timeout.as_secs())));
        assert!(HELP.contains(&format!("at most {} s", config.shutdown_grace.as_secs())));
        assert!(HELP.contains(&format!("{} KiB", slow_server::MAX_HEAD_BYTES / 1024)));
        assert!(HELP.contains(&format!("{} KiB", slow_server::MAX_BODY_BYTES / 1024)));
    }

    #[test]
    fn the_summary_counts_in_words() {
        let stats = Stats::default();
        let stopped = |in_flight, unfinished| Stopped {
            in_flight,
            unfinished,
        };
        assert_eq!(
            summary(&stats, stopped(0, 0)),
            "slow-server stopped after answering 0 requests (at most 0 at once; 0 clients left before their answer)"
        );
        let line = summary(&stats, stopped(1, 1));
        assert!(
            line.ends_with(
                "; the request in flight was answered 503; 1 connection was closed before its answer had left"
            ),
            "{line}"
        );
        assert!(
            summary(&stats, stopped(3, 0))
                .ends_with("; the 3 requests in flight were answered 503")
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_argument_that_is_not_utf8_is_an_error() {
        use std::os::unix::ffi::OsStringExt;
        let args = [
            OsString::from("--port"),
            OsString::from_vec(b"80\xff".to_vec()),
        ];
        let message = utf8_args(args.into_iter()).unwrap_err();
        assert!(
            message.contains("`80\u{fffd}` is not valid UTF-8"),
            "{message}"
        );
    }
}
