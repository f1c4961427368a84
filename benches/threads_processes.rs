//! CPU-bound and I/O-bound work serially, on threads, on rayon and in child
//! processes, with the start-up cost and memory of a thread and of a
//! process: the figures behind the chapter "Threads and processes".
//!
//! ```text
//! cargo bench --bench threads_processes
//! cargo bench --bench threads_processes -- --fib-max 40 --naps 16
//! ```
//!
//! The CPU work is the chapter's naive fib of `--fib-max`-7 to `--fib-max`,
//! built with optimisations (so larger numbers than the debug example's).
//! If `python3` is on the PATH, the same comparison runs in Python too
//! (benches/python_threads.py), where threads do not speed up CPU work.

use harness::Timeline;
use std::process::{Command, ExitCode};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};
use threads_processes::scenario::{Timings, cores};
use threads_processes::{EXAMPLE, std_version};

const USAGE: &str = "usage: cargo bench --bench threads_processes -- \
                     [--fib-max 20-40] [--naps 1-64] [--nap-ms 10-1000]";

fn main() -> ExitCode {
    // A benchmark piped into `head` ends quietly when the pipe closes.
    // SAFETY: nothing else runs yet; restoring a signal's default is sound.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    // The processes it starts are this program again, doing a child's job.
    if let Some(code) = std_version::child_main() {
        return code;
    }
    let (mut fib_max, mut naps, mut nap_ms) = (38u64, 8u64, 100u64);
    let mut args = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        if arg == "--bench" {
            continue; // cargo bench passes it
        }
        let value = args.next().and_then(|v| v.parse::<u64>().ok());
        match (arg.as_str(), value) {
            ("--fib-max", Some(n)) if (20..=40).contains(&n) => fib_max = n,
            ("--naps", Some(n)) if (1..=64).contains(&n) => naps = n,
            ("--nap-ms", Some(n)) if (10..=1000).contains(&n) => nap_ms = n,
            _ => {
                eprintln!("error: unexpected or out-of-range `{arg}`; {USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let cores = cores();
    println!("{cores} cores; times are the best of 3 runs\n");

    println!("CPU-bound: fib({}..={fib_max})", fib_max - 7);
    println!("workers    serial    threads      rayon  processes");
    let mut workers = vec![1, 2, 4, cores];
    workers.sort_unstable();
    workers.dedup();
    for n in workers {
        let args = [
            "--fib-max".to_string(),
            fib_max.to_string(),
            "--workers".to_string(),
            n.to_string(),
        ];
        let t = best_of_3(|| std_version::cpu_bound(&Timeline::new(), &settings(&args)));
        println!("{}", row(n, &t));
    }

    println!("\nI/O-bound: {naps} naps of {nap_ms} ms");
    println!("naps       serial    threads             processes");
    let args = [
        "--tasks".to_string(),
        naps.to_string(),
        "--unit-ms".to_string(),
        nap_ms.to_string(),
    ];
    let t = best_of_3(|| std_version::io_bound(&Timeline::new(), &settings(&args)));
    println!("{}", row(naps as usize, &t));

    println!("\nstart-up and memory");
    let per_thread = time_each(1000, || {
        std::thread::spawn(|| {}).join().unwrap();
    });
    let exe = std::env::current_exe().expect("this program's path");
    let per_process = time_each(50, || {
        let status = Command::new(&exe)
            .env(std_version::CHILD_ENV, "sleep")
            .arg("0")
            .status()
            .expect("could not start a child");
        assert!(status.success());
    });
    println!(
        "start and join a thread:        {:>8.1} µs",
        micros(per_thread)
    );
    println!(
        "start and wait for a process:   {:>8.1} µs",
        micros(per_process)
    );
    match memory_per_thread(200) {
        Some((resident, reserved)) => println!(
            "memory per parked thread:       {resident:>8.1} KiB resident, {reserved:.0} KiB reserved"
        ),
        None => println!("memory per parked thread:       (needs /proc/self/status)"),
    }
    println!(
        "largest child process:          {:>8} KiB resident",
        children_max_rss_kib()
    );

    match python_comparison(fib_max) {
        Ok(()) => {}
        Err(why) => println!("\n(no Python comparison: {why})"),
    }
    ExitCode::SUCCESS
}

fn settings(args: &[String]) -> harness::Settings {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    harness::cli::settings(&EXAMPLE, &args)
}

/// Runs `f` three times; keeps the shortest time of each kind (a busy
/// moment on the machine only ever makes a time longer).
fn best_of_3(f: impl Fn() -> std::io::Result<Timings>) -> Timings {
    let runs: Vec<Timings> = (0..3).map(|_| f().expect("a run failed")).collect();
    let best = |time: fn(&Timings) -> Duration| runs.iter().map(time).min().expect("three runs");
    Timings {
        cores: runs[0].cores,
        serial: best(|t| t.serial),
        threads: best(|t| t.threads),
        rayon: runs[0].rayon.map(|_| best(|t| t.rayon.unwrap_or_default())),
        processes: best(|t| t.processes),
    }
}

/// A table row: times in ms, with the speed-up over serial.
fn row(workers: usize, t: &Timings) -> String {
    let cell = |d: Duration| format!("{:>5} x{:<4.1}", d.as_millis(), t.speedup(d));
    let rayon = t.rayon.map_or(" ".repeat(10), cell);
    let line = format!(
        "{workers:>7} {:>7} ms {} {rayon} {}",
        t.serial.as_millis(),
        cell(t.threads),
        cell(t.processes)
    );
    line.trim_end().to_string()
}

/// The average time of `n` calls of `f`.
fn time_each(n: u32, mut f: impl FnMut()) -> Duration {
    let started = Instant::now();
    for _ in 0..n {
        f();
    }
    started.elapsed() / n
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// A field of /proc/self/status in KiB (Linux).
fn status_kib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resident and reserved (virtual) memory per thread, with `n` threads
/// parked on a barrier.
fn memory_per_thread(n: usize) -> Option<(f64, f64)> {
    let (rss, virt) = (status_kib("VmRSS:")?, status_kib("VmSize:")?);
    let barrier = Arc::new(Barrier::new(n + 1));
    let threads: Vec<_> = (0..n)
        .map(|_| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait(); // all started
                barrier.wait(); // measured
            })
        })
        .collect();
    barrier.wait();
    let grown = (status_kib("VmRSS:")? - rss, status_kib("VmSize:")? - virt);
    barrier.wait();
    threads.into_iter().for_each(|t| t.join().unwrap());
    Some((grown.0 / n as f64, grown.1 / n as f64))
}

/// The largest resident size of any child process that has ended, in KiB.
fn children_max_rss_kib() -> i64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss
}

/// The same CPU comparison in CPython, if there is a `python3`: smaller
/// numbers, since CPython runs the naive fib about 50 to 100 times slower.
fn python_comparison(fib_max: u64) -> Result<(), String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/python_threads.py");
    let py_max = fib_max.saturating_sub(9).max(20);
    let out = Command::new("python3")
        .args([script, &py_max.to_string()])
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    print!("\n{}", String::from_utf8_lossy(&out.stdout));
    Ok(())
}
