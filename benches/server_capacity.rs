//! How many slow requests the slow server holds at once, and at what memory.
//!
//! Starts the server as a child process (this program again, in server
//! mode), opens `--connections` connections to it at once from one
//! single-threaded tokio client, each asking for a page that waits
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

use std::io::{BufRead, BufReader};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SERVER_MODE: &str = "SERVER_CAPACITY_SERVER_DELAY_MS";

fn main() -> ExitCode {
    if let Ok(delay) = std::env::var(SERVER_MODE) {
        return serve(delay.parse().expect("a delay in ms"));
    }
    let (mut connections, mut delay_ms) = (10_000usize, 2_000u64);
    let mut args = std::env::args().skip(1);
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

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (ok, errors, took) = runtime.block_on(async move {
        let (ok, errors) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let started = Instant::now();
        let mut tasks = Vec::with_capacity(connections);
        for i in 0..connections {
            let (ok, errors) = (ok.clone(), errors.clone());
            tasks.push(tokio::spawn(async move {
                match fetch(addr, i).await {
                    Ok(answer) if answer.starts_with("HTTP/1.1 200") => {
                        ok.fetch_add(1, Ordering::Relaxed)
                    }
                    Ok(_) => errors.fetch_add(1, Ordering::Relaxed),
                    Err(e) => {
                        if errors.fetch_add(1, Ordering::Relaxed) == 0 {
                            eprintln!("first error: {e}");
                        }
                        0
                    }
                }
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        (
            ok.load(Ordering::Relaxed),
            errors.load(Ordering::Relaxed),
            started.elapsed(),
        )
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

async fn fetch(addr: std::net::SocketAddr, i: usize) -> std::io::Result<String> {
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    let request = format!("GET /detail/{i} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(120), stream.read_to_string(&mut answer))
        .await
        .map_err(|_| std::io::Error::other("no answer within 120 s"))??;
    Ok(answer)
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
