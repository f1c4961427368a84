//! How many slow requests the slow server holds at once, and at what memory.
//!
//! Starts the server as a child process (this program again, in server
//! mode), opens `--connections` connections to it at once from one
//! single-threaded smol client, each asking for a page that waits
//! `--delay-ms`, and reports errors, wall time, the server's peak number of
//! requests in flight and its peak memory (VmHWM, Linux).
//!
//! ```text
//! cargo bench --bench server_capacity
//! cargo bench --bench server_capacity -- --connections 10000 --delay-ms 2000
//! ```
//!
//! Each side needs a file descriptor per connection: if it fails with
//! "Too many open files", raise the limit first (`ulimit -n 20000`).

use smol::future::FutureExt as _;
use std::io::{BufRead, BufReader};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SERVER_MODE: &str = "SERVER_CAPACITY_SERVER_DELAY_MS";

fn main() -> ExitCode {
    // A benchmark piped into `head` ends quietly when the pipe closes, as
    // Unix tools do, instead of panicking in `println!`.
    // SAFETY: nothing else runs yet; restoring a signal's default is sound.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    if let Ok(delay) = std::env::var(SERVER_MODE) {
        return serve(delay.parse().expect("a delay in ms"));
    }
    let (mut connections, mut delay_ms) = (10_000usize, 2_000u64);
    // Not UTF-8: shown with replacement characters and refused as unknown.
    let mut args = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        match (
            arg.as_str(),
            args.next().and_then(|v| v.parse::<u64>().ok()),
        ) {
            ("--connections", Some(n)) if (1..=100_000).contains(&n) => connections = n as usize,
            ("--delay-ms", Some(ms)) if ms <= 600_000 => delay_ms = ms,
            ("--bench", _) => {}
            _ => {
                eprintln!(
                    "error: unexpected `{arg}`; usage: cargo bench --bench server_capacity -- [--connections 1-100000] [--delay-ms N]"
                );
                return ExitCode::from(2);
            }
        }
    }
    let mut server = Command::new(std::env::current_exe().unwrap())
        .env(SERVER_MODE, delay_ms.to_string())
        .stdout(Stdio::piped())
        .spawn()
        .expect("could not start the server process");
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr: std::net::SocketAddr = line.trim().parse().expect("the server prints its address");
    let pid = server.id();
    println!(
        "{connections} connections, each asking for a page that waits {delay_ms} ms, to a server on one thread at {addr}"
    );

    // The client: one task per connection on smol's global executor (one
    // thread), each a plain HTTP/1.1 GET from the project's http-get.
    let (ok, errors, took) = smol::block_on(async move {
        let started = Instant::now();
        let tasks: Vec<_> = (0..connections)
            .map(|i| smol::spawn(fetch(addr, i)))
            .collect();
        let (mut ok, mut errors) = (0, 0);
        for result in futures::future::join_all(tasks).await {
            match result {
                Ok(page) if page.status == 200 => ok += 1,
                Ok(_) => errors += 1,
                Err(e) => {
                    if errors == 0 {
                        eprintln!("first error: {e}");
                    }
                    errors += 1;
                }
            }
        }
        (ok, errors, started.elapsed())
    });
    let stats = http_get::blocking_get(addr, "/stats")
        .map(|p| p.body)
        .unwrap_or_default();
    let peak_memory = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "(not available on this system)".into());
    let _ = server.kill();
    let _ = server.wait();
    println!("answered:        {ok} ok, {errors} errors");
    println!(
        "wall time:       {:.2} s (one delay is {:.2} s)",
        took.as_secs_f64(),
        delay_ms as f64 / 1000.0
    );
    println!("server counters: {stats}");
    println!("server peak RSS: {peak_memory}");
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

async fn fetch(addr: std::net::SocketAddr, i: usize) -> std::io::Result<http_get::Page> {
    let stream = smol::net::TcpStream::connect(addr).await?;
    let (host, path) = (addr.to_string(), format!("/detail/{i}"));
    http_get::get(stream, &host, &path)
        .or(async {
            smol::Timer::after(Duration::from_secs(120)).await;
            Err(std::io::Error::other("no answer within 120 s"))
        })
        .await
}

/// Server mode: the slow server on one thread, its address on stdout.
fn serve(delay_ms: u64) -> ExitCode {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let listener = slow_server::bind(0).expect("cannot listen");
        println!("{}", listener.local_addr().unwrap());
        let config = slow_server::Config::with_delay(Duration::from_millis(delay_ms));
        slow_server::serve(
            listener,
            Arc::new(config),
            Default::default(),
            std::future::pending(),
        )
        .await;
    });
    ExitCode::SUCCESS
}
