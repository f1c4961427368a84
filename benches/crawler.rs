//! The crawler on the three runtimes, compared: each crawls the same site
//! of the slow server (the same seed, the same injected faults) as a child
//! process, the release build of `examples/crawler.rs`, so that its peak
//! memory (`wait4`'s rusage: the child alone, not the server, which runs in
//! this process) and CPU time are its own. Then the seeds' batches (10 at a
//! time, each batch waiting for its slowest page) against a pipeline of 10.
//!
//! ```text
//! cargo bench --bench crawler
//! cargo bench --bench crawler -- --pages 2000 --concurrency 50
//! ```

use crawler::scenario::{FAIL_500_PERCENT, HANG_PERCENT, RESET_PERCENT, server_config};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const RUNTIMES: [&str; 3] = ["tokio", "async-std", "smol"];

/// What one crawl did, as the child printed it and the kernel measured it.
struct Measured {
    pages: u64,
    failed: u64,
    retries: u64,
    took: Duration,
    peak: u64,
    max_rss_kib: i64,
    cpu: Duration,
}

/// The release build of the example, built now if needed.
fn crawler_binary() -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let built = Command::new(cargo)
        .args(["build", "--quiet", "--release", "--example", "crawler"])
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !built.success() {
        return Err("`cargo build --release --example crawler` failed".into());
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    // target/release/deps/crawler-HASH -> target/release/examples/crawler
    let release = exe
        .parent()
        .and_then(|d| d.parent())
        .ok_or("no target dir")?;
    Ok(release.join("examples").join("crawler"))
}

/// The number after `word` in `text` (`ok 1927,` -> 1927; `~242` -> 242).
fn number_after(text: &str, word: &str) -> u64 {
    let rest = &text[text.find(word).map_or(text.len(), |i| i + word.len())..];
    let digits: String = rest
        .trim_start_matches([' ', '~'])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(0)
}

fn crawl(
    binary: &PathBuf,
    runtime: &str,
    pages: u64,
    concurrency: usize,
    faults: [u8; 3],
    batches: bool,
) -> Result<Measured, String> {
    let server = slow_server::start(server_config(pages, faults, 1))
        .map_err(|e| format!("cannot start the slow server: {e}"))?;
    let mut command = Command::new(binary);
    let limit = concurrency.to_string();
    let addr = server.addr.to_string();
    command.args([
        "--runtime",
        runtime,
        "--concurrency",
        &limit,
        "--server",
        &addr,
    ]);
    if batches {
        command.arg("--batches");
    }
    let started = Instant::now();
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    let pid = child.id() as libc::pid_t;
    let mut stdout = child.stdout.expect("piped");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut text).map_err(|e| e.to_string())?;
    // wait4: this child's own rusage (getrusage(RUSAGE_CHILDREN) would
    // give the largest of all children so far).
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, not waited for yet; both pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let took = started.elapsed();
    if waited != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("the {runtime} crawl failed: {text}"));
    }
    let cpu = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Ok(Measured {
        pages: number_after(&text, "crawled"),
        failed: number_after(&text, "failed"),
        retries: number_after(&text, "~"),
        took,
        peak: server.stats.peak_in_flight(),
        max_rss_kib: usage.ru_maxrss,
        cpu: cpu(usage.ru_utime) + cpu(usage.ru_stime),
    })
}

fn main() -> ExitCode {
    // SAFETY: nothing else runs yet; restoring a signal's default is sound.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    let (mut pages, mut concurrency) = (5000u64, 100usize);
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    while let Some(flag) = args.next() {
        let value = args.next().and_then(|v| v.parse::<u64>().ok());
        match (flag.as_str(), value) {
            ("--pages", Some(n)) if (100..=100_000).contains(&n) => pages = n,
            ("--concurrency", Some(n)) if (1..=1000).contains(&n) => concurrency = n as usize,
            _ => {
                eprintln!(
                    "error: unexpected `{flag}`; use --pages 100-100000 and --concurrency 1-1000\n\
                     usage: cargo bench --bench crawler -- [--pages N] [--concurrency N]"
                );
                return ExitCode::from(2);
            }
        }
    }
    let binary = match crawler_binary() {
        Ok(binary) => binary,
        Err(why) => {
            eprintln!("error: {why}");
            return ExitCode::FAILURE;
        }
    };
    let faults = [FAIL_500_PERCENT, RESET_PERCENT, HANG_PERCENT];
    println!(
        "A {pages}-page site, 20 ms a page (2% of pages 200 ms); of all requests {}% answered 500,\n\
         {}% reset, {}% never answered; at most {concurrency} in flight; release build, one run each.\n",
        faults[0], faults[1], faults[2]
    );
    println!(
        "| runtime | pages | failed | retries | time | pages/s | server's peak | peak memory | CPU time |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for runtime in RUNTIMES {
        match crawl(&binary, runtime, pages, concurrency, faults, false) {
            Ok(m) => println!(
                "| {runtime} | {} | {} | {} | {:.2} s | {:.0} | {} | {:.1} MiB | {:.2} s |",
                m.pages,
                m.failed,
                m.retries,
                m.took.as_secs_f64(),
                m.pages as f64 / m.took.as_secs_f64(),
                m.peak,
                m.max_rss_kib as f64 / 1024.0,
                m.cpu.as_secs_f64()
            ),
            Err(why) => {
                eprintln!("error: {why}");
                return ExitCode::FAILURE;
            }
        }
    }
    let small = 1000;
    println!(
        "\nThe seeds' batches: {small} pages, no faults, 10 at a time: in batches (each waits \
         for its slowest page) or a pipeline (a page starts as soon as one ends).\n"
    );
    println!("| runtime | batches of 10 | pipeline of 10 | server's peak |");
    println!("|---|---|---|---|");
    for runtime in RUNTIMES {
        let run = |batches| crawl(&binary, runtime, small, 10, [0, 0, 0], batches);
        match (run(true), run(false)) {
            (Ok(b), Ok(p)) => println!(
                "| {runtime} | {:.2} s | {:.2} s | {} |",
                b.took.as_secs_f64(),
                p.took.as_secs_f64(),
                b.peak.max(p.peak)
            ),
            (Err(why), _) | (_, Err(why)) => {
                eprintln!("error: {why}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
