//! How many sleeping tasks a runtime holds, and what each costs: N tasks
//! that each sleep once, on tokio, async-std and smol, beside N OS threads,
//! with the wall time against the one-sleep ideal and the peak memory.
//!
//! ```text
//! cargo bench --bench tasks_scale
//! cargo bench --bench tasks_scale -- --sizes 1000,100000 --sleep-ms 500
//! ```
//!
//! Each run is a process of its own (this program again), so that its peak
//! resident memory (VmHWM, Linux) belongs to that run alone. Each size runs
//! twice: "bare", the spawn-sleep-join loop alone, and "recorded", each
//! task also recording its start and end on the book's timeline (what the
//! examples draw), to show what the recording costs. When `python3` is
//! there, asyncio runs the same (benches/python_tasks.py), for comparison.

use harness::Timeline;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

const CHILD: &str = "TASKS_SCALE_RUN";
const USAGE: &str =
    "usage: cargo bench --bench tasks_scale -- [--sizes N,N,...] [--sleep-ms 10-10000]";
const RUNTIMES: [&str; 3] = ["tokio", "async-std", "smol"];

fn main() -> ExitCode {
    // A benchmark piped into `head` ends quietly when the pipe closes.
    // SAFETY: nothing else runs yet; restoring a signal's default is sound.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    if let Ok(run) = std::env::var(CHILD) {
        return child(&run);
    }
    let (mut sizes, mut sleep_ms) = (vec![1_000u64, 10_000, 100_000, 1_000_000], 2_000u64);
    let mut args = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        if arg == "--bench" {
            continue; // cargo bench passes it
        }
        let value = args.next().unwrap_or_default();
        match arg.as_str() {
            "--sizes" => match value
                .split(',')
                .map(str::parse::<u64>)
                .collect::<Result<Vec<_>, _>>()
            {
                Ok(v) if !v.is_empty() && v.iter().all(|n| (1..=2_000_000).contains(n)) => {
                    sizes = v
                }
                _ => {
                    return usage(&format!(
                        "--sizes takes numbers from 1 to 2000000, not `{value}`"
                    ));
                }
            },
            "--sleep-ms" => match value.parse::<u64>() {
                Ok(ms) if (10..=10_000).contains(&ms) => sleep_ms = ms,
                _ => return usage(&format!("--sleep-ms takes 10 to 10000, not `{value}`")),
            },
            _ => return usage(&format!("unexpected `{arg}`")),
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("{cores} cores; every task sleeps {sleep_ms} ms once; each run in its own process\n");
    println!(
        "{:<10} {:>9}  {:>9} {:>6} {:>9}  {:>9} {:>6} {:>9}",
        "runtime", "tasks", "bare", "x", "B/task", "recorded", "x", "B/task"
    );
    let python = Command::new("python3").arg("--version").output().is_ok();
    let asyncio = python.then_some("asyncio");
    for runtime in RUNTIMES.iter().copied().chain(["threads"]).chain(asyncio) {
        for &n in &sizes {
            if runtime == "threads" && n > 10_000 {
                continue; // a thread each: 10,000 is already a lot
            }
            let bare = run(runtime, "bare", n, sleep_ms);
            let recorded = match runtime {
                "threads" | "asyncio" => None,
                _ => Some(run(runtime, "recorded", n, sleep_ms)),
            };
            let cell = |r: &Result<(Duration, u64), String>| match r {
                Ok((took, bytes)) => format!(
                    "{:>7} ms {:>6.2} {:>9}",
                    took.as_millis(),
                    took.as_secs_f64() * 1000.0 / sleep_ms as f64,
                    bytes / n
                ),
                Err(e) => format!("{e:>26}"),
            };
            let recorded = recorded.as_ref().map(cell).unwrap_or_default();
            println!("{runtime:<10} {n:>9}  {}  {recorded}", cell(&bare));
        }
    }
    ExitCode::SUCCESS
}

fn usage(why: &str) -> ExitCode {
    eprintln!("error: {why}; {USAGE}");
    ExitCode::from(2)
}

/// Runs one size in a child process: its wall time, and the memory it
/// added at its peak (VmHWM minus VmRSS before the tasks).
fn run(runtime: &str, mode: &str, n: u64, sleep_ms: u64) -> Result<(Duration, u64), String> {
    let out = if runtime == "asyncio" {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/python_tasks.py");
        Command::new("python3")
            .args([script, &n.to_string(), &sleep_ms.to_string()])
            .output()
    } else {
        Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
            .env(CHILD, format!("{runtime} {mode} {n} {sleep_ms}"))
            .output()
    }
    .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut numbers = text.split_whitespace().map(|w| w.parse::<u64>());
    match (numbers.next(), numbers.next()) {
        (Some(Ok(us)), Some(Ok(bytes))) => Ok((Duration::from_micros(us), bytes)),
        _ => Err(format!("unreadable: {text}")),
    }
}

/// A field of /proc/self/status in KiB.
fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with(field))?.to_string();
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

/// A child: `RUNTIME MODE N SLEEP_MS`; prints `MICROSECONDS PEAK_BYTES`.
fn child(run: &str) -> ExitCode {
    let parts: Vec<&str> = run.split(' ').collect();
    let [runtime, mode, n, sleep_ms] = parts[..] else {
        eprintln!("bad run `{run}`");
        return ExitCode::FAILURE;
    };
    let (n, nap) = (
        n.parse::<usize>().unwrap(),
        Duration::from_millis(sleep_ms.parse().unwrap()),
    );
    let recorded = mode == "recorded";
    let before = status_kib("VmRSS:");
    let started = Instant::now();
    match runtime {
        "tokio" => tokio::runtime::Builder::new_multi_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(async {
                let tl = Timeline::new();
                let handles: Vec<_> = (0..n)
                    .map(|i| {
                        let tl = tl.clone();
                        tokio::spawn(async move {
                            let record = recorded.then(|| tl.start(&format!("t{i}")));
                            tokio::time::sleep(nap).await;
                            record.map(|r| r.done(()));
                        })
                    })
                    .collect();
                for h in handles {
                    h.await.unwrap();
                }
            }),
        "async-std" => async_std::task::block_on(async {
            let tl = Timeline::new();
            let handles: Vec<_> = (0..n)
                .map(|i| {
                    let tl = tl.clone();
                    async_std::task::spawn(async move {
                        let record = recorded.then(|| tl.start(&format!("t{i}")));
                        async_std::task::sleep(nap).await;
                        record.map(|r| r.done(()));
                    })
                })
                .collect();
            for h in handles {
                h.await;
            }
        }),
        "smol" => smol::block_on(async {
            let tl = Timeline::new();
            let handles: Vec<_> = (0..n)
                .map(|i| {
                    let tl = tl.clone();
                    smol::spawn(async move {
                        let record = recorded.then(|| tl.start(&format!("t{i}")));
                        smol::Timer::after(nap).await;
                        record.map(|r| r.done(()));
                    })
                })
                .collect();
            for h in handles {
                h.await;
            }
        }),
        "threads" => {
            let threads: Vec<_> = (0..n)
                .map(|_| std::thread::spawn(move || std::thread::sleep(nap)))
                .collect();
            threads.into_iter().for_each(|t| t.join().unwrap());
        }
        _ => {
            eprintln!("unknown runtime `{runtime}`");
            return ExitCode::FAILURE;
        }
    }
    let took = started.elapsed();
    let peak = status_kib("VmHWM:").saturating_sub(before) * 1024;
    println!("{} {peak}", took.as_micros());
    ExitCode::SUCCESS
}
