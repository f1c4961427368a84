//! Async code in several processes, the idea of Python's aiomultiprocess:
//! each process runs a runtime of its own. The requests are split between
//! worker processes (this program, started again with `BRIDGING_WORKER`
//! set), and the time is compared with one process making them all.

use std::io;
use std::net::SocketAddr;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// Tells a started copy of this program that it is a worker, and what to
/// do: `RUNTIME REQUESTS 127.0.0.1:PORT`.
pub const WORKER_ENV: &str = "BRIDGING_WORKER";
/// Requests made in all, as in the Python tutorial...
pub const PROCESS_REQUESTS: usize = 50;
/// ...by one process, then split between this many.
pub const PROCESSES: usize = 2;

/// The two runs: requests that came back 200, and the time taken.
#[derive(Clone, PartialEq)]
pub struct Spread {
    pub one: (usize, Duration),
    pub several: (usize, Duration),
}

impl std::fmt::Debug for Spread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ((ok1, t1), (ok2, t2)) = (self.one, self.several);
        write!(
            f,
            "1 process: {ok1} ok in {} ms / {PROCESSES} processes: {ok2} ok in {} ms",
            t1.as_millis(),
            t2.as_millis()
        )
    }
}

/// Runs `work` and times it.
pub fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = work();
    (value, started.elapsed())
}

// ANCHOR: in_processes
/// Starts `processes` workers, each making its share of `requests` on a
/// runtime of its own, and adds up the answers they print.
pub fn in_processes(
    runtime: &str,
    processes: usize,
    requests: usize,
    addr: SocketAddr,
) -> io::Result<usize> {
    let program = std::env::current_exe()?;
    let mut workers = Vec::new();
    for i in 0..processes {
        let share = requests / processes + usize::from(i < requests % processes);
        let worker = Command::new(&program)
            .env(WORKER_ENV, format!("{runtime} {share} {addr}"))
            .stdout(Stdio::piped())
            .spawn()?;
        workers.push(worker);
    }
    let mut ok = 0;
    for worker in workers {
        let output = worker.wait_with_output()?;
        let printed = String::from_utf8_lossy(&output.stdout);
        match printed.trim().parse::<usize>() {
            Ok(n) if output.status.success() => ok += n,
            _ => return Err(io::Error::other(format!("a worker failed: {printed}"))),
        }
    }
    Ok(ok)
}
// ANCHOR_END: in_processes

/// What a worker was asked to do.
pub struct Order {
    pub runtime: String,
    pub requests: usize,
    pub addr: SocketAddr,
}

/// The worker's order, if this process is a worker.
pub fn worker_order() -> Option<Result<Order, String>> {
    let order = std::env::var(WORKER_ENV).ok()?;
    let parts: Vec<&str> = order.split(' ').collect();
    let parsed = match parts[..] {
        [runtime, requests, addr] => match (requests.parse(), addr.parse::<SocketAddr>()) {
            (Ok(requests), Ok(addr)) if addr.ip().is_loopback() => Ok(Order {
                runtime: runtime.to_string(),
                requests,
                addr,
            }),
            _ => Err(()),
        },
        _ => Err(()),
    };
    Some(parsed.map_err(|()| {
        format!("{WORKER_ENV}={order:?} is not `RUNTIME REQUESTS 127.0.0.1:PORT`; unset it to run the example")
    }))
}

/// Prints what a worker's run gave, or why it could not run.
pub fn worker_exit(result: Result<usize, String>) -> ExitCode {
    match result {
        Ok(ok) => {
            println!("{ok}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("bridging worker: {message}");
            ExitCode::from(2)
        }
    }
}
