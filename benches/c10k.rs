//! C10k, measured: five servers each hold `--connections` slow connections
//! at once (10,000 by default). A client opens them all to 127.0.0.1, each
//! sends a small HTTP GET, the server waits `--delay-ms` (1000) before it
//! answers, and the client reads the answer to EOF. The servers:
//! `threads` (one OS thread per connection, std::net), `epoll` (one thread
//! driving every connection and its delay itself, through rustix's epoll),
//! and a task per connection on `tokio`, `async-std` and `smol`
//! (benches/c10k/servers.rs). When `python3` is there, the same server in
//! CPython follows, with a thread per connection (`py-threads`) and with
//! asyncio (benches/c10k.py).
//!
//! ```text
//! cargo bench --bench c10k
//! cargo bench --bench c10k -- --connections 2000 --delay-ms 500 --server epoll
//! ```
//!
//! Each server runs in a process of its own (this program again), so that
//! its peak resident memory (VmHWM, Linux) is its own; the client is one
//! tokio process, this one. After the table it works out C10M (ten million
//! connections) on paper from the measured costs and this machine's limits.
//!
//! Each side needs a descriptor per connection: the program raises its
//! open-file limit up to the hard limit and, when that is too low, says
//! what to run (`ulimit -n`).

// A path of its own, so that tests/c10k.rs can include this file too.
#[path = "c10k/servers.rs"]
mod servers;

use std::io::{self, BufRead, BufReader};
use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub const SERVER_ENV: &str = "C10K_SERVER";
const USAGE: &str = "usage: cargo bench --bench c10k -- [--connections 1-25000] \
                     [--delay-ms 10-60000] [--server threads|epoll|tokio|async-std|smol|py-threads|asyncio]";

type Serve = fn(TcpListener, Duration) -> io::Result<()>;
/// The Python twins (benches/c10k.py), run when `python3` is there.
const PYTHON: [&str; 2] = ["py-threads", "asyncio"];
const SERVERS: [(&str, Serve); 5] = [
    ("threads", servers::thread_per_connection),
    ("epoll", servers::epoll_server),
    ("tokio", servers::tokio_server),
    ("async-std", servers::async_std_server),
    ("smol", servers::smol_server),
];

pub fn main() -> ExitCode {
    if let Ok(spec) = std::env::var(SERVER_ENV) {
        // A server keeps Rust's SIGPIPE ignored: a write to a connection the
        // client has closed is an error for that connection, not the end of
        // the server.
        return server_process(&spec);
    }
    // A benchmark piped into `head` ends quietly when the pipe closes.
    // SAFETY: nothing else runs yet; restoring a signal's default is sound.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    let (mut connections, mut delay_ms, mut only) = (10_000u64, 1_000u64, None);
    // Not UTF-8: shown with replacement characters and refused as unknown.
    let mut args = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        if arg == "--bench" {
            continue; // cargo bench passes it
        }
        let value = args.next().unwrap_or_default();
        match arg.as_str() {
            "--connections" => match value.parse::<u64>() {
                // One client address reaches one server port through
                // about 28,000 local ports (ip_local_port_range).
                Ok(n) if (1..=25_000).contains(&n) => connections = n,
                _ => {
                    return usage(&format!("--connections takes 1 to 25000, not `{value}`"));
                }
            },
            "--delay-ms" => match value.parse::<u64>() {
                Ok(ms) if (10..=60_000).contains(&ms) => delay_ms = ms,
                _ => return usage(&format!("--delay-ms takes 10 to 60000, not `{value}`")),
            },
            "--server" => match names().position(|name| name == value) {
                Some(_) => only = Some(value),
                None => return usage(&format!("no server named `{value}`")),
            },
            _ => return usage(&format!("unexpected `{arg}`")),
        }
    }
    if let Err(message) = raise_open_files(connections) {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let delay = Duration::from_millis(delay_ms);
    println!(
        "{cores} cores; {connections} connections to each server at once, each answered \
         after {delay_ms} ms;\nthe client is one tokio process, each server a process of its own\n"
    );
    println!(
        "{:<10} {:>8} {:>6} {:>7} {:>6} {:>6} {:>8} {:>8} {:>8} {:>11}",
        "server",
        "answered",
        "errors",
        "time",
        "held",
        "drops",
        "peak RSS",
        "RSS/conn",
        "virtual",
        "kernel/conn"
    );
    let client = tokio::runtime::Runtime::new().expect("a tokio runtime for the client");
    let mut rows = Vec::new();
    let mut failed = false;
    let python = Command::new("python3").arg("--version").output().is_ok();
    for name in names() {
        if only.as_ref().is_some_and(|o| o != name) {
            continue;
        }
        if PYTHON.contains(&name) && !python {
            println!("{name:<10} skipped: no python3 here");
            continue;
        }
        match measure(&client, name, connections, delay) {
            Ok(row) => {
                println!(
                    "{:<10} {:>8} {:>6} {:>5.2} s {:>6} {:>6} {:>8} {:>8} {:>8} {:>11}",
                    name,
                    row.answered,
                    row.errors,
                    row.took.as_secs_f64(),
                    row.held,
                    row.dropped,
                    bytes(row.peak_rss),
                    bytes(row.rss_per_connection),
                    bytes(row.peak_virtual),
                    bytes(row.kernel_per_connection)
                );
                if let Some(e) = &row.first_error {
                    println!("{:<10} first error: {e}", "");
                }
                failed |= row.errors > 0;
                rows.push((name, row));
            }
            Err(e) => {
                println!("{name:<10} failed: {e}");
                failed = true;
            }
        }
    }
    println!(
        "\ntime: first connect to last answer (one delay is {:.2} s)",
        delay.as_secs_f64()
    );
    for line in [
        "held: most connections open at once (connected, not yet answered)",
        "drops: connection attempts dropped because the server's accept queue was full",
        "  (ListenOverflows, machine-wide); each is retried a second later",
        "RSS/conn: the server's peak RSS minus its RSS before the first connection,",
        "  per connection held; virtual: its peak address space (VmPeak)",
        "kernel/conn: growth of the machine's kernel stacks and of the slab objects of",
        "  threads and TCP sockets, per connection held, both ends (machine-wide, noisy)",
    ] {
        println!("{line}");
    }
    c10m(&rows);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn names() -> impl Iterator<Item = &'static str> {
    SERVERS.iter().map(|(name, _)| *name).chain(PYTHON)
}

fn usage(why: &str) -> ExitCode {
    eprintln!("error: {why}; {USAGE}");
    ExitCode::from(2)
}

/// The client process and every server process hold a socket per
/// connection, plus a few files of their own.
fn raise_open_files(connections: u64) -> Result<(), String> {
    let needed = connections + 64;
    harness::open_files::ensure(needed, "the connections").map_err(|_| {
        let (soft, hard) = harness::open_files::limits().unwrap_or((0, 0));
        format!(
            "{connections} connections need about {needed} open files in the client and in \
             each server (a socket per connection on each side), but this process may open \
             only {soft} and cannot raise that past its hard limit {hard}. Raise it in this \
             shell first, e.g. `ulimit -n {}` (past the hard limit that needs root: \
             `sudo prlimit --nofile={}:{} --pid $$`, or a `nofile` line in \
             /etc/security/limits.conf), or run with `--connections {}`",
            needed.next_power_of_two(),
            needed.next_power_of_two(),
            needed.next_power_of_two(),
            hard.saturating_sub(64).max(1)
        )
    })
}

/// Server mode: `NAME DELAY_MS CONNECTIONS`; prints the address it listens
/// on, then serves until the benchmark kills it.
fn server_process(spec: &str) -> ExitCode {
    let parts: Vec<&str> = spec.split(' ').collect();
    let parsed = match parts[..] {
        [name, delay_ms, connections] => SERVERS
            .iter()
            .find(|(n, _)| *n == name)
            .zip(delay_ms.parse::<u64>().ok())
            .zip(connections.parse::<u64>().ok()),
        _ => None,
    };
    let Some((((name, serve), delay_ms), connections)) = parsed else {
        eprintln!("bad {SERVER_ENV} `{spec}`: NAME DELAY_MS CONNECTIONS");
        return ExitCode::FAILURE;
    };
    if let Err(e) = raise_open_files(connections) {
        eprintln!("server: {e}");
        return ExitCode::FAILURE;
    }
    let listener = match servers::listener() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("server: cannot listen on 127.0.0.1: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", listener.local_addr().unwrap());
    match serve(listener, Duration::from_millis(delay_ms)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("server {name}: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Row {
    answered: u64,
    errors: u64,
    first_error: Option<String>,
    took: Duration,
    held: u64,
    dropped: u64,
    peak_rss: u64,
    rss_per_connection: u64,
    peak_virtual: u64,
    kernel_per_connection: u64,
}

/// Starts one server process, runs the client against it, and reads the
/// server's memory before it is stopped.
fn measure(
    client: &tokio::runtime::Runtime,
    name: &str,
    connections: u64,
    delay: Duration,
) -> Result<Row, String> {
    let mut command = if PYTHON.contains(&name) {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/c10k.py");
        let mode = name.trim_start_matches("py-");
        let mut python = Command::new("python3");
        python.args([script, mode, &delay.as_millis().to_string()]);
        python
    } else {
        let mut this = Command::new(std::env::current_exe().map_err(|e| e.to_string())?);
        this.env(
            SERVER_ENV,
            format!("{name} {} {connections}", delay.as_millis()),
        );
        this
    };
    let mut server = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the server process: {e}"))?;
    let result = measure_running(client, &mut server, connections, delay);
    let _ = server.kill();
    let _ = server.wait();
    result
}

fn measure_running(
    client: &tokio::runtime::Runtime,
    server: &mut Child,
    connections: u64,
    delay: Duration,
) -> Result<Row, String> {
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    let addr: SocketAddr = line
        .trim()
        .parse()
        .map_err(|_| "the server did not start (see its message above)".to_string())?;
    let pid = server.id();
    let before = proc_kib(&format!("/proc/{pid}/status"), "VmRSS:") * 1024;
    let kernel = KernelSampler::start();
    let overflows = listen_overflows();
    let outcome = client.block_on(run_client(addr, connections, delay));
    let held = outcome.held.max(1);
    let kernel_peak = kernel.stop();
    let dropped = listen_overflows().saturating_sub(overflows);
    let peak_rss = proc_kib(&format!("/proc/{pid}/status"), "VmHWM:") * 1024;
    let peak_virtual = proc_kib(&format!("/proc/{pid}/status"), "VmPeak:") * 1024;
    Ok(Row {
        answered: outcome.answered,
        errors: outcome.errors,
        first_error: outcome.first_error,
        took: outcome.took,
        held: outcome.held,
        dropped,
        peak_rss,
        rss_per_connection: peak_rss.saturating_sub(before) / held,
        peak_virtual,
        kernel_per_connection: kernel_peak / held,
    })
}

// ANCHOR: client
/// Opens every connection at once, one tokio task each: the project's
/// hand-written HTTP GET over a tokio TcpStream, read to EOF.
/// Also counts the connections open at once (connected, not yet answered).
async fn run_client(addr: SocketAddr, connections: u64, delay: Duration) -> Outcome {
    let open = Arc::new([AtomicU64::new(0), AtomicU64::new(0)]); // now, peak
    let started = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|i| {
            let open = open.clone();
            tokio::spawn(tokio::time::timeout(
                delay + Duration::from_secs(60),
                async move {
                    let stream = tokio::net::TcpStream::connect(addr).await?;
                    let now = open[0].fetch_add(1, Ordering::Relaxed) + 1;
                    open[1].fetch_max(now, Ordering::Relaxed);
                    let stream = http_get::tokio_io::Compat(stream);
                    let page = http_get::get(stream, &addr.to_string(), &format!("/{i}")).await;
                    open[0].fetch_sub(1, Ordering::Relaxed);
                    page
                },
            ))
        })
        .collect();
    let (mut answered, mut errors, mut first_error) = (0, 0, None);
    for task in tasks {
        let error = match task.await {
            Ok(Ok(Ok(page))) if page.status == 200 && page.body == "ok" => {
                answered += 1;
                continue;
            }
            Ok(Ok(Ok(page))) => format!("status {}, body {:?}", page.status, page.body),
            Ok(Ok(Err(e))) => e.to_string(),
            Ok(Err(_)) => "no answer a minute after the delay".to_string(),
            Err(e) => e.to_string(),
        };
        errors += 1;
        first_error.get_or_insert(error);
    }
    Outcome {
        answered,
        errors,
        first_error,
        took: started.elapsed(),
        held: open[1].load(Ordering::Relaxed),
    }
}

struct Outcome {
    answered: u64,
    errors: u64,
    first_error: Option<String>,
    took: Duration,
    held: u64,
}
// ANCHOR_END: client

/// How many times the kernel dropped a connection attempt because a
/// listener's accept queue was full (TcpExt ListenOverflows in
/// /proc/net/netstat, machine-wide); the client's SYN is retried a second
/// later. 0 when it is not there.
fn listen_overflows() -> u64 {
    let netstat = std::fs::read_to_string("/proc/net/netstat").unwrap_or_default();
    let mut lines = netstat.lines().filter(|l| l.starts_with("TcpExt:"));
    let (Some(names), Some(values)) = (lines.next(), lines.next()) else {
        return 0;
    };
    names
        .split_whitespace()
        .zip(values.split_whitespace())
        .find(|(name, _)| *name == "ListenOverflows")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0)
}

/// A field of a /proc file such as `/proc/PID/status`, in KiB; 0 when it
/// is not there (not Linux).
fn proc_kib(path: &str, field: &str) -> u64 {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with(field))?.to_string();
            line.split_whitespace().nth(1)?.parse().ok()
        })
        .unwrap_or(0)
}

/// Kernel memory that grows with threads and sockets, machine-wide: the
/// kernel stacks (one per thread) and the objects in use in the slab
/// caches that hold a thread's or a TCP socket's kernel structures
/// (/proc/slabinfo, readable by root; without it, the stacks alone).
fn kernel_bytes() -> u64 {
    const CACHES: [&str; 13] = [
        "TCP",
        "request_sock_TCP",
        "sock_inode_cache",
        "filp",
        "eventpoll_epi",
        "eventpoll_pwq",
        "skbuff_head_cache",
        "task_struct",
        "signal_cache",
        "sighandler_cache",
        "pid",
        "files_cache",
        "fs_cache",
    ];
    let slab: u64 = std::fs::read_to_string("/proc/slabinfo")
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            // name, objects in use, objects, object size, ...
            let fields: Vec<&str> = line.split_whitespace().take(4).collect();
            let [name, active, _, size] = fields[..] else {
                return None;
            };
            if !CACHES.contains(&name) {
                return None;
            }
            Some(active.parse::<u64>().ok()? * size.parse::<u64>().ok()?)
        })
        .sum();
    proc_kib("/proc/meminfo", "KernelStack:") * 1024 + slab
}

/// Samples [`kernel_bytes`] every 20 ms on a thread of its own; `stop`
/// gives the peak growth over the value at the start.
struct KernelSampler {
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<u64>,
}

impl KernelSampler {
    fn start() -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let before = kernel_bytes();
            let mut peak = before;
            while !flag.load(Ordering::Relaxed) {
                peak = peak.max(kernel_bytes());
                std::thread::sleep(Duration::from_millis(20));
            }
            peak.saturating_sub(before)
        });
        KernelSampler { stop, thread }
    }

    fn stop(self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap_or(0)
    }
}

/// Bytes as B, KiB, MiB or GiB with three significant digits or so.
fn bytes(n: u64) -> String {
    let n = n as f64;
    let (value, unit) = match n {
        n if n < 1024.0 => return format!("{n} B"),
        n if n < 1024.0 * 1024.0 => (n / 1024.0, "KiB"),
        n if n < 1024.0 * 1024.0 * 1024.0 => (n / 1024.0 / 1024.0, "MiB"),
        n if n < 1024.0 * 1024.0 * 1024.0 * 1024.0 => (n / 1024.0 / 1024.0 / 1024.0, "GiB"),
        n => (n / 1024.0 / 1024.0 / 1024.0 / 1024.0, "TiB"),
    };
    if value < 10.0 {
        format!("{value:.1} {unit}")
    } else {
        format!("{value:.0} {unit}")
    }
}

fn read_number(path: &str) -> Option<u64> {
    std::fs::read_to_string(path)
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

// ANCHOR: c10m
/// C10M on paper: ten million connections at the costs just measured, and
/// the limits of this machine that stand in the way.
fn c10m(rows: &[(&str, Row)]) {
    const TEN_MILLION: u64 = 10_000_000;
    println!("\nC10M on paper: 10,000,000 connections at the costs measured above");
    for (name, row) in rows {
        println!(
            "  {name:<10} {:>9}/conn x 10M = {:>8} in the server, {:>8} in the kernel",
            bytes(row.rss_per_connection),
            bytes(row.rss_per_connection * TEN_MILLION),
            bytes(row.kernel_per_connection * TEN_MILLION)
        );
    }
    if let Some(nr_open) = read_number("/proc/sys/fs/nr_open") {
        let file_max = read_number("/proc/sys/fs/file-max").unwrap_or(0);
        println!(
            "  descriptors: one per connection, but one process may open at most fs.nr_open = \
             {nr_open}\n    (at least {} processes, or root raises it); the whole machine: \
             fs.file-max = {file_max}",
            TEN_MILLION.div_ceil(nr_open)
        );
    }
    if let Ok(range) = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range") {
        let ends: Vec<u64> = range
            .split_whitespace()
            .filter_map(|p| p.parse().ok())
            .collect();
        if let [low, high] = ends[..] {
            let ports = high - low + 1;
            println!(
                "  ports: one client address reaches one server address and port through at \
                 most\n    {ports} local ports ({low}-{high}): 10M connections need at least {} \
                 client addresses",
                TEN_MILLION.div_ceil(ports)
            );
        }
    }
    let min_buffers = |path: &str| read_number(path).unwrap_or(0);
    let floor =
        min_buffers("/proc/sys/net/ipv4/tcp_rmem") + min_buffers("/proc/sys/net/ipv4/tcp_wmem");
    if floor > 0 {
        println!(
            "  socket buffers: a socket may keep at least tcp_rmem + tcp_wmem minimum = {} B\n    \
             queued, even when memory is short: {} for 10M connections that hold that much",
            floor,
            bytes(floor * TEN_MILLION)
        );
    }
    if let Some(threads_max) = read_number("/proc/sys/kernel/threads-max") {
        println!(
            "  threads: a thread per connection needs 10M threads; kernel.threads-max here is {threads_max}"
        );
        // Every thread also takes an id below pid_max (2^22 at most on 64-bit Linux).
        if let Some(pid_max) = read_number("/proc/sys/kernel/pid_max") {
            println!(
                "    and each needs a thread id below kernel.pid_max = {pid_max}, shared with all processes"
            );
        }
    }
}
// ANCHOR_END: c10m
