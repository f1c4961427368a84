//! The seeds' request tables, measured here: N requests to the slow server
//! one by one, on a pool of threads, on processes, and async on each
//! runtime; then the cost of one request on loopback, and a sweep of how
//! long N concurrent async requests take, with the same hand-written client
//! on all three runtimes beside reqwest on tokio.
//!
//! ```text
//! cargo bench --bench requests                      # delay 200 ms
//! cargo bench --bench requests -- --only sweep      # the baseline and the sweep (a few seconds)
//! cargo bench --bench requests -- --unit-ms 3000    # the seeds' 3 s delay (slow: 100 requests one by one take 5 minutes)
//! ```
//!
//! A thousand requests in flight need about 2,100 open files while the
//! server runs in this process; the benchmark raises its soft limit if the
//! hard one allows (see `harness::open_files`).

use blocking_vs_nonblocking::{
    EXAMPLE, async_std_version, open_files, scenario, smol_version, std_version, tokio_version,
};
use harness::{Settings, Timeline, run_scenario};
use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Set in the child process that runs the slow server: its delay in ms.
const SERVER_MODE: &str = "REQUESTS_BENCH_SERVER_DELAY_MS";
/// How many threads smol's global executor runs; set here to the core count.
const SMOL_THREADS: &str = "SMOL_THREADS";
/// The concurrency sweep's sizes.
const SWEEP: [u64; 5] = [1, 10, 100, 500, 1000];
/// Runs per point of the sweep; the median is printed.
const RUNS: usize = 5;

fn main() -> ExitCode {
    // A benchmark piped into `head` ends quietly when the pipe closes, as
    // Unix tools do, instead of panicking in `println!`.
    // SAFETY: nothing else runs yet; restoring a signal's default is sound.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    // The `processes` approach starts this program again as its children.
    if let Some(code) = std_version::child_main() {
        return code;
    }
    if let Ok(delay_ms) = std::env::var(SERVER_MODE) {
        return serve(&delay_ms);
    }
    let (mut unit_ms, mut tables, mut sweep) = (200, true, true);
    // Not UTF-8: shown with replacement characters and refused as unknown.
    let mut args = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--unit-ms", Some(ms))
                if ms.parse::<u64>().is_ok_and(|ms| (1..=10_000).contains(&ms)) =>
            {
                unit_ms = ms.parse().unwrap()
            }
            ("--only", Some(part)) if part == "tables" => sweep = false,
            ("--only", Some(part)) if part == "sweep" => tables = false,
            ("--bench", _) => {} // cargo bench passes this
            _ => {
                eprintln!(
                    "error: unexpected `{arg}`; usage: cargo bench --bench requests -- [--unit-ms 1-10000] [--only tables|sweep]"
                );
                return ExitCode::from(2);
            }
        }
    }
    // tokio and async-std start one worker thread per core; smol's global
    // executor has one thread unless SMOL_THREADS says more. Give smol as
    // many, so that every runtime has the same number of workers.
    if std::env::var_os(SMOL_THREADS).is_none() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        // SAFETY: no other thread has started yet, so none reads the
        // environment while it changes.
        unsafe { std::env::set_var(SMOL_THREADS, cores.to_string()) };
    }
    let most = *SWEEP.last().unwrap();
    let why = format!("{most} requests in flight at once");
    if let Err(message) = open_files::ensure(open_files::needed_for(most), &why) {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    println!("Slow server delay: {unit_ms} ms per request. Times are wall-clock.");
    println!("{}", machine_load());
    println!(
        "Worker threads: one per core on tokio and async-std, {SMOL_THREADS}={} on smol.\n",
        std::env::var(SMOL_THREADS).unwrap_or_default()
    );
    let result = (|| {
        if tables {
            seeds_tables(unit_ms)?;
        }
        if sweep {
            baseline()?;
            concurrency_sweep(unit_ms)?;
        }
        Ok::<_, String>(())
    })();
    println!("At the end: {}", machine_load());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The seeds' two tables: 5 requests, then 100, every approach.
fn seeds_tables(unit_ms: u64) -> Result<(), String> {
    for (requests, workers) in [(5, 5), (100, 6)] {
        println!("{requests} requests ({workers} threads or processes):\n");
        println!(
            "{:<24} {:>10} {:>10} {:>8}",
            "approach", "took", "ideal", "ratio"
        );
        for scenario in ["sequential", "threads", "processes", "async"] {
            let args = [
                "--scenario",
                scenario,
                "--requests",
                &requests.to_string(),
                "--workers",
                &workers.to_string(),
                "--unit-ms",
                &unit_ms.to_string(),
            ];
            let settings = harness::cli::settings(&EXAMPLE, &args);
            let s = EXAMPLE
                .scenarios
                .iter()
                .find(|s| s.name == scenario)
                .unwrap();
            for report in run_scenario(s, &settings) {
                if report.failed {
                    return Err(format!(
                        "{scenario} on {}: {}",
                        report.runtime, report.returned
                    ));
                }
                let ideal = report.ideal.unwrap();
                let approach = match scenario {
                    "async" => format!("async, {}", report.runtime),
                    _ => scenario.to_string(),
                };
                println!(
                    "{:<24} {:>10} {:>10} {:>8.2}",
                    approach,
                    secs(report.elapsed),
                    secs(ideal),
                    report.elapsed.as_secs_f64() / ideal.as_secs_f64()
                );
            }
        }
        println!();
    }
    Ok(())
}

/// The cost of one request with nothing else going on: connect, send the
/// GET, read the answer, close, one after another. Against a minimal
/// blocking server on a thread, and against the slow server's `/stats`,
/// which it answers at once (its other pages wait on a timer, and tokio's
/// timer counts in whole milliseconds).
fn baseline() -> Result<(), String> {
    const N: u32 = 2000;
    println!("One request at a time on loopback (connect, GET, answer, close):\n");
    let minimal = minimal_server().map_err(|e| format!("could not start a server: {e}"))?;
    let mut external = Server::start(0, 1)?;
    for (server, addr, path) in [
        ("a minimal blocking server", minimal, "/"),
        ("the slow server, /stats", external.addr, "/stats"),
    ] {
        let per_request = (0..3)
            .map(|_| {
                let started = Instant::now();
                for _ in 0..N {
                    http_get::blocking_get(addr, path)
                        .and_then(http_get::Page::error_for_status)
                        .map_err(|e| scenario::error_chain(&e))?;
                }
                Ok(started.elapsed() / N)
            })
            .collect::<Result<Vec<_>, String>>()?;
        println!(
            "  {server:<28} {:>5} µs a request",
            micros(median(per_request))
        );
    }
    external.stop();
    println!();
    Ok(())
}

/// A server that answers every request at once with a fixed page, one
/// connection at a time, on a thread of its own (it lives until the end).
fn minimal_server() -> std::io::Result<SocketAddr> {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        for mut stream in listener.incoming().map_while(Result::ok) {
            let mut head = Vec::new();
            let mut buf = [0; 1024];
            while !head.ends_with(b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        }
    });
    Ok(addr)
}

/// The clients the sweep compares: reqwest on tokio, and the same
/// hand-written GET (`tools/http-get`) on each of the three runtimes.
#[derive(Clone, Copy)]
enum Client {
    TokioReqwest,
    TokioHandWritten,
    AsyncStd,
    Smol,
}

impl Client {
    const ALL: [Client; 4] = [
        Client::TokioReqwest,
        Client::TokioHandWritten,
        Client::AsyncStd,
        Client::Smol,
    ];

    fn name(self) -> &'static str {
        match self {
            Client::TokioReqwest => "tokio+reqwest",
            Client::TokioHandWritten => "tokio+http-get",
            Client::AsyncStd => "async-std+http-get",
            Client::Smol => "smol+http-get",
        }
    }

    /// Fetches every page at once; returns how long `fetch_all` took and
    /// how much CPU this process used meanwhile. The runtime is started
    /// before the clock starts.
    fn run(self, settings: &Settings, addr: SocketAddr) -> Result<(Duration, Duration), String> {
        let tl = Timeline::new();
        let measure = async {
            let (cpu, started) = (cpu_time(None), Instant::now());
            let titles = match self {
                Client::TokioReqwest => tokio_version::fetch_all(tl, settings, addr)
                    .await
                    .map_err(|e| scenario::error_chain(&e)),
                Client::TokioHandWritten => {
                    tokio_version::fetch_all_hand_written(tl, settings, addr)
                        .await
                        .map_err(|e| scenario::error_chain(&e))
                }
                Client::AsyncStd => async_std_version::fetch_all(tl, settings, addr)
                    .await
                    .map_err(|e| scenario::error_chain(&e)),
                Client::Smol => smol_version::fetch_all(tl, settings, addr)
                    .await
                    .map_err(|e| scenario::error_chain(&e)),
            };
            let took = started.elapsed();
            let cpu = cpu_time(None).saturating_sub(cpu);
            if titles? != scenario::expected_titles(settings) {
                return Err(format!("{}: wrong titles", self.name()));
            }
            Ok((took, cpu))
        };
        match self {
            Client::TokioReqwest | Client::TokioHandWritten => tokio::runtime::Runtime::new()
                .map_err(|e| format!("could not start tokio: {e}"))?
                .block_on(measure),
            Client::AsyncStd => async_std_version::block_on(measure),
            Client::Smol => smol_version::block_on(measure),
        }
    }
}

/// One point of the sweep: the median of [`RUNS`] runs.
struct Point {
    took: Duration,
    client_cpu: Duration,
    server_cpu: Option<Duration>,
    /// The share of each side's CPU time spent in the kernel, over all runs.
    client_kernel: Option<f64>,
    server_kernel: Option<f64>,
}

/// Fetches `n` pages at once [`RUNS`] times (after one run to warm up)
/// from the server at `addr`, whose process is `pid` if it has its own.
fn measure(
    client: Client,
    n: u64,
    unit_ms: u64,
    addr: SocketAddr,
    pid: Option<u32>,
) -> Result<Point, String> {
    let settings = harness::cli::settings(
        &EXAMPLE,
        &[
            "--requests",
            &n.to_string(),
            "--unit-ms",
            &unit_ms.to_string(),
        ],
    );
    client.run(&settings, addr)?;
    let (mut took, mut client_cpu, mut server_cpu) = (Vec::new(), Vec::new(), Vec::new());
    let client_ticks = user_and_kernel_ticks(None);
    let server_ticks = pid.and_then(|pid| user_and_kernel_ticks(Some(pid)));
    for _ in 0..RUNS {
        let before = pid.map(|pid| cpu_time(Some(pid)));
        let (t, cpu) = client.run(&settings, addr)?;
        took.push(t);
        client_cpu.push(cpu);
        if let (Some(pid), Some(before)) = (pid, before) {
            server_cpu.push(cpu_time(Some(pid)).saturating_sub(before));
        }
    }
    let kernel_share = |before: Option<(u64, u64)>, pid| {
        let (user, kernel) = before?;
        let (user_now, kernel_now) = user_and_kernel_ticks(pid)?;
        let (user, kernel) = (user_now - user, kernel_now - kernel);
        (user + kernel > 0).then(|| kernel as f64 / (user + kernel) as f64)
    };
    Ok(Point {
        took: median(took),
        client_cpu: median(client_cpu),
        server_cpu: (!server_cpu.is_empty()).then(|| median(server_cpu)),
        client_kernel: kernel_share(client_ticks, None),
        server_kernel: pid.and_then(|pid| kernel_share(server_ticks, Some(pid))),
    })
}

/// CPU time a process (this one if `None`) has used in user space and in
/// the kernel, in clock ticks, from Linux's /proc/PID/stat.
fn user_and_kernel_ticks(pid: Option<u32>) -> Option<(u64, u64)> {
    let path = match pid {
        Some(pid) => format!("/proc/{pid}/stat"),
        None => "/proc/self/stat".to_string(),
    };
    let stat = std::fs::read_to_string(path).ok()?;
    // After the command name in parentheses: state is field 3, utime 14, stime 15.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    Some((fields.get(11)?.parse().ok()?, fields.get(12)?.parse().ok()?))
}

fn concurrency_sweep(unit_ms: u64) -> Result<(), String> {
    let delay = Duration::from_millis(unit_ms);
    let mut external = Server::start(unit_ms, 1)?;
    let (addr, pid) = (external.addr, external.child.id());
    println!(
        "N requests at once, each answered after {unit_ms} ms; the server in its own process.\n\
         Time (median of {RUNS} runs), and the time beyond one delay per request:\n"
    );
    print!("{:>6}", "N");
    for client in Client::ALL {
        print!(" {:>20}", client.name());
    }
    println!();
    let mut at_most = Vec::new();
    for n in SWEEP {
        print!("{n:>6}");
        for client in Client::ALL {
            let point = measure(client, n, unit_ms, addr, Some(pid))?;
            let over = point.took.saturating_sub(delay) / n as u32;
            print!(" {:>10} {:>6} µs", secs(point.took), micros(over));
            if n == *SWEEP.last().unwrap() {
                at_most.push((client, point));
            }
        }
        println!();
    }
    external.stop();

    let n = *SWEEP.last().unwrap();
    println!("\nWhere the time goes at N = {n}, per request (µs):\n");
    println!(
        "{:<20} {:>6} {:>12} {:>12} {:>10} {:>10}",
        "client", "over", "client CPU", "server CPU", "over, with", "over, with"
    );
    println!(
        "{:<20} {:>6} {:>12} {:>12} {:>10} {:>10}",
        "", "", "(in kernel)", "(in kernel)", "server in", "server on"
    );
    println!(
        "{:<20} {:>6} {:>12} {:>12} {:>10} {:>10}",
        "", "", "", "", "process", "2 threads"
    );
    // The same, with the server on a thread of this process, as the example runs it.
    let in_process = scenario::start_server(&harness::cli::settings(
        &EXAMPLE,
        &["--unit-ms", &unit_ms.to_string()],
    ));
    // And with the server in its own process on a multi-threaded runtime.
    let mut two_threads = Server::start(unit_ms, 2)?;
    for (client, point) in at_most {
        let beside = measure(client, n, unit_ms, in_process.addr, None)?;
        let parallel = measure(client, n, unit_ms, two_threads.addr, None)?;
        let per = |d: Duration| micros(d / n as u32);
        let share =
            |share: Option<f64>| share.map_or("".into(), |s| format!(" ({:.0}%)", s * 100.0));
        println!(
            "{:<20} {:>6} {:>12} {:>12} {:>10} {:>10}",
            client.name(),
            per(point.took.saturating_sub(delay)),
            format!("{}{}", per(point.client_cpu), share(point.client_kernel)),
            format!(
                "{}{}",
                point.server_cpu.map_or("-".into(), per),
                share(point.server_kernel)
            ),
            per(beside.took.saturating_sub(delay)),
            per(parallel.took.saturating_sub(delay)),
        );
    }
    two_threads.stop();
    println!();
    Ok(())
}

/// The slow server in a child process (this program again, in server mode).
struct Server {
    addr: SocketAddr,
    child: Child,
}

impl Server {
    fn start(delay_ms: u64, threads: usize) -> Result<Server, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .env(SERVER_MODE, format!("{delay_ms},{threads}"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("could not start the server process: {e}"))?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let addr = line
            .trim()
            .parse()
            .map_err(|_| format!("the server process printed {line:?}, not its address"))?;
        Ok(Server { addr, child })
    }

    /// Closes the server's standard input, which stops it, and waits.
    fn stop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Server mode: the slow server, its address on stdout, until stdin
/// closes. `SERVER_MODE` holds `DELAY_MS` or `DELAY_MS,THREADS`: with more
/// than one thread the server runs on a multi-threaded tokio runtime
/// instead of its usual single thread.
fn serve(mode: &str) -> ExitCode {
    let mut words = mode.split(',').map(str::parse::<u64>);
    let (Some(Ok(delay_ms)), threads) = (words.next(), words.next().unwrap_or(Ok(1))) else {
        eprintln!("error: {SERVER_MODE} must be DELAY_MS or DELAY_MS,THREADS");
        return ExitCode::from(2);
    };
    let threads = threads.unwrap_or(1).max(1) as usize;
    let config = slow_server::Config::with_delay(Duration::from_millis(delay_ms));
    if threads == 1 {
        // Exactly what the example runs: the server on one thread.
        let server = match slow_server::start(config) {
            Ok(server) => server,
            Err(e) => {
                eprintln!("error: could not start the slow server: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!("{}", server.addr);
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
        return ExitCode::SUCCESS;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .expect("could not start tokio");
    runtime.block_on(async {
        let listener = slow_server::bind(0).expect("could not listen on 127.0.0.1");
        println!("{}", listener.local_addr().expect("a bound address"));
        let stdin_closed = async {
            let _ =
                tokio::task::spawn_blocking(|| std::io::stdin().read_to_end(&mut Vec::new())).await;
        };
        let _ =
            slow_server::serve(listener, Arc::new(config), Default::default(), stdin_closed).await;
    });
    ExitCode::SUCCESS
}

/// CPU time used so far by every live thread of a process (this one if
/// `None`), from Linux's /proc/PID/task/*/schedstat (nanoseconds); zero
/// where that is not available.
fn cpu_time(pid: Option<u32>) -> Duration {
    let dir = match pid {
        Some(pid) => format!("/proc/{pid}/task"),
        None => "/proc/self/task".to_string(),
    };
    let Ok(tasks) = std::fs::read_dir(dir) else {
        return Duration::ZERO;
    };
    let ns: u64 = tasks
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Duration::from_nanos(ns)
}

/// The number of cores and the load average over the last minute (Linux),
/// so that a reader can tell a busy machine's figures from an idle one's.
fn machine_load() -> String {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into());
    format!("{cores} cores, load average {load} (processes wanting a core, over the last minute)")
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn micros(d: Duration) -> String {
    format!("{}", d.as_micros())
}
