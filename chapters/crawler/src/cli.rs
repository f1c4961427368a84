//! The command line: what it asks for, checked; the run on the runtime it
//! names; the summary on stdout (progress and messages go to stderr).

use crate::frontier::{Counts, Crawl, Frontier};
use crate::results::{self, Results};
use crate::scenario::*;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

pub const USAGE: &str = "\
Crawls the slow server's site from /site/0: each page fetched once, at most
--concurrency requests in flight, a timeout and retries for each request.

Usage: cargo run --example crawler -- [OPTIONS]

Options:
  --runtime R        tokio, async-std or smol (default: tokio)
  --pages N          its own server's site: 1-1000000 pages (default: 2000)
  --concurrency N    requests in flight at most, 1-1000 (default: 50)
  --try-ms N         each try's limit before it counts as a hang and is
                     tried again, 10-60000 ms (default: 1000)
  --batches          start pages in batches of --concurrency, each batch
                     waiting for its slowest page (to compare; default: off)
  --out FILE         write one JSON line per page to FILE as it comes (a
                     new FILE, or an empty one)
  --resume           continue the crawl in --out FILE: its pages done (ok
                     or 404) are not fetched again; its failed pages and
                     the links not fetched yet are
  --server ADDR      crawl a slow server already running on 127.0.0.1:PORT
                     (started with --site-pages N) instead of its own
  --fail PCT         its own server: requests answered 500 (default: 5)
  --reset PCT        its own server: connections closed (default: 2)
  --hang PCT         its own server: requests never answered (default: 1)
  --seed N           its own server: draws the site and faults (default: 1)
  --help             print this help

Ctrl-C stops it within a second: no new pages or tries, the tries in flight
get 300 ms, every result so far is in --out FILE, and --resume goes on.";

/// Every flag that takes a value.
const FLAGS: [&str; 10] = [
    "--runtime",
    "--pages",
    "--concurrency",
    "--try-ms",
    "--out",
    "--server",
    "--fail",
    "--reset",
    "--hang",
    "--seed",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runtime {
    Tokio,
    AsyncStd,
    Smol,
}

impl Runtime {
    pub fn name(self) -> &'static str {
        match self {
            Runtime::Tokio => "tokio",
            Runtime::AsyncStd => "async-std",
            Runtime::Smol => "smol",
        }
    }
}

/// What the command line asked for.
#[derive(Clone, Debug)]
pub struct Plan {
    pub runtime: Runtime,
    pub pages: Option<u64>,
    pub concurrency: usize,
    /// Each try's limit (`--try-ms`).
    pub try_limit: Duration,
    pub batches: bool,
    pub out: Option<PathBuf>,
    pub resume: bool,
    pub server: Option<SocketAddr>,
    /// 500s, resets, hangs.
    pub faults: [u8; 3],
    pub seed: u64,
}

impl Plan {
    /// `Ok(None)` for `--help`.
    pub fn parse(args: &[String]) -> Result<Option<Plan>, String> {
        let mut plan = Plan {
            runtime: Runtime::Tokio,
            pages: None,
            concurrency: 50,
            try_limit: POLICY.timeout,
            batches: false,
            out: None,
            resume: false,
            server: None,
            faults: [FAIL_500_PERCENT, RESET_PERCENT, HANG_PERCENT],
            seed: 1,
        };
        let mut own_server_flag = None;
        let mut args = args.iter();
        while let Some(flag) = args.next() {
            match flag.as_str() {
                "--help" | "-h" => return Ok(None),
                "--batches" => {
                    plan.batches = true;
                    continue;
                }
                "--resume" => {
                    plan.resume = true;
                    continue;
                }
                _ => {}
            }
            if !FLAGS.contains(&flag.as_str()) {
                return Err(format!(
                    "unknown flag `{flag}`; allowed: {}, --batches, --resume, --help",
                    FLAGS.join(", ")
                ));
            }
            let value = args.next().ok_or(format!("`{flag}` needs a value"))?;
            let number = |min: u64, max: u64| match value.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(n),
                _ => Err(format!(
                    "`{flag}` takes a whole number from {min} to {max}, not `{value}`"
                )),
            };
            match flag.as_str() {
                "--runtime" => {
                    plan.runtime = match value.as_str() {
                        "tokio" => Runtime::Tokio,
                        "async-std" => Runtime::AsyncStd,
                        "smol" => Runtime::Smol,
                        _ => {
                            return Err(format!(
                                "unknown runtime `{value}`; use tokio, async-std or smol"
                            ));
                        }
                    }
                }
                "--pages" => plan.pages = Some(number(1, slow_server::site::MAX_PAGES)?),
                "--concurrency" => plan.concurrency = number(1, 1000)? as usize,
                "--try-ms" => plan.try_limit = Duration::from_millis(number(10, 60_000)?),
                "--out" => plan.out = Some(PathBuf::from(value)),
                "--server" => match value.parse::<SocketAddr>() {
                    Ok(addr) if addr.ip().is_loopback() => plan.server = Some(addr),
                    _ => {
                        return Err(format!(
                            "`--server` takes 127.0.0.1:PORT (this crawler talks to the local \
                             slow server only), not `{value}`"
                        ));
                    }
                },
                "--fail" | "--reset" | "--hang" | "--seed" => {
                    own_server_flag = Some(flag.clone());
                    match flag.as_str() {
                        "--fail" => plan.faults[0] = number(0, 100)? as u8,
                        "--reset" => plan.faults[1] = number(0, 100)? as u8,
                        "--hang" => plan.faults[2] = number(0, 100)? as u8,
                        _ => plan.seed = number(0, u64::MAX)?,
                    }
                }
                _ => unreachable!("every flag in FLAGS has its arm"),
            }
        }
        if plan.resume && plan.out.is_none() {
            return Err("`--resume` goes on from a results file: give it as --out FILE".into());
        }
        if plan.server.is_some() {
            if let Some(flag) = own_server_flag.or(plan.pages.map(|_| "--pages".into())) {
                return Err(format!(
                    "`{flag}` sets up the crawler's own server; with --server, start the \
                     slow server with the site you want (--site-pages N ...)"
                ));
            }
        }
        if plan.faults.iter().map(|&p| p as u32).sum::<u32>() > 100 {
            return Err("--fail, --reset and --hang may add up to 100 at most".into());
        }
        Ok(Some(plan))
    }
}

/// What one run did.
#[derive(Debug)]
pub struct Report {
    pub finished: bool,
    /// This run's pages; `earlier` were in the file it resumed.
    pub counts: Counts,
    pub earlier: usize,
    /// Pages that failed in that file, tried again in this run.
    pub earlier_failed: usize,
    pub took: Duration,
    pub peak_in_flight: u64,
    pub write_error: Option<std::io::Error>,
    /// Why the root page failed, if it did: nothing could be crawled.
    pub root_failed: Option<String>,
}

/// Runs the crawl the plan asks for, on a server at `addr`.
pub fn run(plan: &Plan, addr: SocketAddr, results: Results, earlier: &[PageResult]) -> Report {
    let frontier = Frontier::new(plan.concurrency, plan.batches);
    let mut crawl = Crawl::new(frontier, results, earlier);
    crawl.policy.timeout = plan.try_limit;
    let started = Instant::now();
    // ANCHOR: runtimes
    let finished = match plan.runtime {
        Runtime::Tokio => {
            let base = format!("http://{addr}");
            crate::tokio_version::block_on(crate::tokio_version::crawl(base, &mut crawl))
        }
        Runtime::AsyncStd => {
            crate::async_std_version::block_on(crate::async_std_version::crawl(addr, &mut crawl))
        }
        Runtime::Smol => {
            crate::smol_version::block_on(crate::smol_version::crawl(addr, &mut crawl))
        }
    };
    // ANCHOR_END: runtimes
    crawl.progress.finish();
    Report {
        finished,
        counts: crawl.counts,
        earlier: crawl.earlier_done,
        earlier_failed: crawl.earlier_failed,
        took: started.elapsed(),
        peak_in_flight: 0,
        write_error: crawl.write_error.take(),
        root_failed: crawl.root_failed.take(),
    }
}

/// The server's peak of requests in flight, from its `/stats`; `None` if it
/// does not answer within a second (a server that is not the slow server).
fn peak_from_stats(addr: SocketAddr) -> Option<u64> {
    use std::io::Read;
    let limit = Duration::from_secs(1);
    let mut stream = std::net::TcpStream::connect_timeout(&addr, limit).ok()?;
    stream.set_read_timeout(Some(limit)).ok()?;
    stream.set_write_timeout(Some(limit)).ok()?;
    let request = format!("GET /stats HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut answer = Vec::new();
    // Read until the server closes, or the first second without a byte.
    let _ = stream.take(1 << 20).read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    let rest = answer.split("\"peak_in_flight\":").nth(1)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// What the results file's first line says about the site: a resume of
/// another site's crawl is refused.
pub fn site(plan: &Plan) -> serde_json::Value {
    match plan.server {
        Some(addr) => serde_json::json!({ "server": addr.to_string() }),
        None => serde_json::json!({
            "server": "own server",
            "pages": plan.pages.unwrap_or(PAGES),
            "seed": plan.seed,
            "links": slow_server::Site::default().links,
        }),
    }
}

/// `1 page`, `2 pages`.
fn pages(n: impl Into<u64>) -> String {
    let n = n.into();
    format!("{n} page{}", if n == 1 { "" } else { "s" })
}

/// The summary on stdout: the same words every run of the same site, with
/// what varies from run to run marked `~`.
pub fn summary(plan: &Plan, report: &Report) -> String {
    let c = &report.counts;
    let mut text = format!(
        "{} {} on {}, at most {} {}\n",
        if report.finished {
            "crawled"
        } else {
            "interrupted after"
        },
        pages(c.pages()),
        plan.runtime.name(),
        plan.concurrency,
        match (plan.batches, plan.concurrency) {
            (true, _) => "at a time, in batches",
            (false, 1) => "request in flight",
            (false, _) => "requests in flight",
        },
    );
    if report.earlier > 0 {
        text += &format!(
            "  resumed: {} done already, none fetched again; {} failed, tried again\n",
            pages(report.earlier as u64),
            report.earlier_failed
        );
    }
    text += &format!(
        "  ok {}, not found (404) {}, failed {}\n",
        c.ok, c.not_found, c.failed
    );
    let secs = report.took.as_secs_f64().max(1e-3);
    text += &format!(
        "  ~{} retries, ~{} ms, ~{} pages a second\n",
        c.retries,
        report.took.as_millis(),
        (c.pages() as f64 / secs).round()
    );
    // The peak reaches the limit, or a few short of it when some pages
    // were waiting out a backoff at the busiest moment: marked `~` then.
    let peak = report.peak_in_flight;
    let mark = if peak == plan.concurrency as u64 {
        ""
    } else {
        "~"
    };
    text += &format!(
        "  the server's peak in flight: {mark}{peak} (the limit: {})\n",
        plan.concurrency
    );
    if let Some(out) = &plan.out {
        text += &format!("  results in {}\n", out.display());
    }
    text
}

/// The exit code of a program stopped by Ctrl-C: 128 + SIGINT (2).
pub const INTERRUPTED: u8 = 130;

/// `cargo run --example crawler -- ...`
pub fn main() -> ExitCode {
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect();
    let Ok(args) = args else {
        return refuse(&format!("an argument is not valid UTF-8\n\n{USAGE}"));
    };
    let plan = match Plan::parse(&args) {
        Ok(Some(plan)) => plan,
        Ok(None) => {
            // Whoever asked for the help may have stopped reading (`| head`).
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(why) => {
            return refuse(&format!(
                "{why}\nRun `cargo run --example crawler -- --help` to see what is allowed."
            ));
        }
    };
    // The results file first: a bad --out is found before anything runs.
    let (results, earlier) = match open_results(&plan) {
        Ok(opened) => opened,
        Err(why) => return refuse(&why),
    };
    let own_server;
    let addr = match plan.server {
        Some(addr) => addr,
        None => {
            let pages = plan.pages.unwrap_or(PAGES);
            match slow_server::start(server_config(pages, plan.faults, plan.seed)) {
                Ok(server) => {
                    own_server = server;
                    own_server.addr
                }
                Err(e) => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "error: could not start the slow server: {e}"
                    );
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    // Messages on stderr are advisory: a closed stderr (`2>&1 | head -1`)
    // must not stop the crawl.
    let _ = writeln!(
        std::io::stderr(),
        "crawling http://{addr}{ROOT} on {}, at most {} at once{}; Ctrl-C stops it",
        plan.runtime.name(),
        plan.concurrency,
        plan.out
            .as_ref()
            .map(|o| format!(", results to {}", o.display()))
            .unwrap_or_default()
    );
    let mut report = run(&plan, addr, results, &earlier);
    if let Some(why) = &report.root_failed {
        let what = match plan.server {
            Some(_) => format!(
                "is a slow server started with --site-pages N running at {addr}? \
                 (cargo run --bin slow-server -- --site-pages 2000 ...)"
            ),
            None => "its own server did not answer it; run it again".to_string(),
        };
        let _ = writeln!(
            std::io::stderr(),
            "error: the first page, http://{addr}{ROOT}, failed ({why}): nothing was \
             crawled; {what}"
        );
        return ExitCode::FAILURE;
    }
    report.peak_in_flight = peak_from_stats(addr).unwrap_or(0);
    // A closed stdout (`| head -1`) loses the summary, not the results.
    let _ = write!(std::io::stdout(), "{}", summary(&plan, &report));
    if let Some(e) = &report.write_error {
        let _ = writeln!(
            std::io::stderr(),
            "error: writing the results failed: {e}; the crawl stopped. Free some space \
             and run it again with --resume"
        );
        return ExitCode::FAILURE;
    }
    if report.finished {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(INTERRUPTED)
    }
}

/// An `error: ...` on stderr, and exit code 2.
fn refuse(why: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "error: {why}");
    ExitCode::from(2)
}

fn cannot_write(out: &std::path::Path, e: std::io::Error) -> String {
    format!(
        "cannot write `{}`: {e}; give a --out FILE in a folder you can write to",
        out.display()
    )
}

/// The results file the plan asks for, and, with --resume, the pages it
/// holds: a new file must not hide an earlier crawl, a resumed one must be
/// of the same site.
fn open_results(plan: &Plan) -> Result<(Results, Vec<PageResult>), String> {
    let site = site(plan);
    let Some(out) = &plan.out else {
        return Ok((Results::nowhere(), Vec::new()));
    };
    if !plan.resume {
        if let Some(n) = results::lines_held(out).filter(|&n| n > 0) {
            return Err(format!(
                "`{}` already holds {}: add --resume to continue it, or remove it",
                out.display(),
                pages(n as u64).replace("page", "result")
            ));
        }
        return Results::create(out, &site)
            .map(|r| (r, Vec::new()))
            .map_err(|e| cannot_write(out, e));
    }
    let (theirs, earlier) = results::read_with_site(out)?;
    let results = Results::append(out).map_err(|e| cannot_write(out, e))?;
    match theirs {
        Some(theirs) if theirs != site => {
            let differ: Vec<String> = ["server", "pages", "seed", "links"]
                .into_iter()
                .filter(|key| theirs.get(key) != site.get(key))
                .map(|key| format!("{key} {} there, {} now", theirs[key], site[key]))
                .collect();
            Err(format!(
                "`{}` is the crawl of another site ({}): resume it with the settings it \
                 was made with, or give another --out FILE",
                out.display(),
                differ.join(", ")
            ))
        }
        Some(_) => Ok((results, earlier)),
        None if earlier.is_empty() => {
            // An empty file: this run is its first.
            let first = results::site_line(&site);
            let file = std::fs::OpenOptions::new().append(true).open(out);
            let written = file.and_then(|mut f| f.write_all(first.as_bytes()));
            written.map_err(|e| cannot_write(out, e))?;
            Ok((results, earlier))
        }
        None => Err(format!(
            "`{}` has no first line naming its site: it is not a results file of this \
             crawler; start a new crawl with another --out FILE",
            out.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(a: &[&str]) -> Result<Option<Plan>, String> {
        Plan::parse(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn bad_arguments_say_what_to_do() {
        let err = |a: &[&str]| parse(a).unwrap_err();
        assert!(err(&["--concurrency", "0"]).contains("from 1 to 1000, not `0`"));
        assert!(err(&["--pages", "abc"]).contains("from 1 to 1000000, not `abc`"));
        assert!(err(&["--server", "example.com:80"]).contains("127.0.0.1:PORT"));
        assert!(err(&["--resume"]).contains("--out FILE"));
        assert!(err(&["--runtime", "trio"]).contains("tokio, async-std or smol"));
        assert!(err(&["--server", "127.0.0.1:8000", "--pages", "9"]).contains("--site-pages"));
        assert!(err(&["--fail", "90", "--hang", "20"]).contains("100 at most"));
        assert!(err(&["--bogus"]).contains("unknown flag `--bogus`; allowed: --runtime"));
        assert!(err(&["--pages"]).contains("`--pages` needs a value"));
        assert!(err(&["--try-ms", "5"]).contains("from 10 to 60000, not `5`"));
        assert_eq!(parse(&[]).unwrap().unwrap().try_limit, POLICY.timeout);
        let plan = parse(&[
            "--runtime",
            "smol",
            "--pages",
            "2000",
            "--concurrency",
            "50",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(
            (plan.runtime, plan.pages, plan.concurrency),
            (Runtime::Smol, Some(2000), 50)
        );
    }
}
