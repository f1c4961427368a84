//! The chapter's main version: plain OS threads (`std::thread`) and child
//! processes (`std::process::Command`), no async runtime.
//!
//! Every child process is this same program started again with
//! [`CHILD_ENV`] set to the job it must do; [`child_main`] does that job.

use crate::scenario::*;
use harness::{Settings, Timeline};
use std::io;
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::{self, JoinHandle, ScopedJoinHandle};
use std::time::{Duration, Instant};

// ANCHOR: helpers
/// The name of the thread calling this, as a task reports it.
fn current_name() -> String {
    thread::current().name().unwrap_or("(unnamed)").to_string()
}

/// Joins a thread and hands back its value; a panic in the thread goes on
/// here, with its own message.
fn join<T>(handle: JoinHandle<T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// [`join`] for a thread of a `thread::scope`.
fn join_scoped<T>(handle: ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
// ANCHOR_END: helpers

// ANCHOR: sleeper
/// A type with its own `run`, where Python code subclasses `Thread`: the
/// struct holds what the work needs, `run` is the work, and `start` moves
/// the whole value onto a new thread with a name.
pub struct Sleeper {
    pub name: String,
    pub nap: Duration,
    pub timeline: Timeline,
}

impl Sleeper {
    /// The work: one nap. Returns the name of the thread it ran on.
    pub fn run(self) -> String {
        let record = self.timeline.start(&self.name);
        thread::sleep(self.nap);
        record.done(current_name())
    }

    /// Runs `run` on a new thread named after the sleeper.
    pub fn start(self) -> io::Result<JoinHandle<String>> {
        thread::Builder::new()
            .name(self.name.clone())
            .spawn(move || self.run())
    }
}
// ANCHOR_END: sleeper

// ANCHOR: threads
/// Four ways to start a thread, all napping one unit at the same time.
pub fn threads(tl: &Timeline, settings: &Settings) -> io::Result<String> {
    let unit = settings.unit;
    // spawn: the closure owns what it uses (`move`), `join` returns its value.
    let timeline = tl.clone();
    let spawned = thread::spawn(move || {
        let record = timeline.start("spawned");
        thread::sleep(unit);
        record.done(current_name())
    });
    // Builder: the same with a name, which panics and debuggers show.
    let timeline = tl.clone();
    let named = thread::Builder::new()
        .name("named".to_string())
        .spawn(move || {
            let record = timeline.start("named");
            thread::sleep(unit);
            record.done(current_name())
        })?;
    // A type with its own `run`.
    let sleeper = Sleeper {
        name: "sleeper".to_string(),
        nap: unit,
        timeline: tl.clone(),
    }
    .start()?;
    // scope: threads that borrow local data; all are joined at the scope's end.
    let numbers: Vec<u64> = (1..=100).collect();
    let (left, right) = numbers.split_at(numbers.len() / 2);
    let sums = thread::scope(|scope| {
        let halves = [("scoped1", left), ("scoped2", right)];
        let handles: Vec<_> = halves
            .into_iter()
            .map(|(name, half)| {
                scope.spawn(move || {
                    let record = tl.start(name);
                    thread::sleep(unit);
                    record.done(half.iter().sum::<u64>())
                })
            })
            .collect();
        handles.into_iter().map(join_scoped).collect::<Vec<u64>>()
    });
    let names = [join(spawned), join(named), join(sleeper)];
    Ok(format!("names {}; sums {sums:?}", names.join(", ")))
}
// ANCHOR_END: threads

/// Set in a child process: the job it must do (see [`child_main`]).
pub const CHILD_ENV: &str = "THREADS_PROCESSES_CHILD";

/// What the worker of a `daemon` child prints when its nap is over.
pub const WORKER_LINE: &str = "worker: done";
/// What the worker of a `daemon` child prints when told to stop.
pub const STOPPED_LINE: &str = "worker: stopped";
/// What the `main` of a `daemon` child prints before it returns.
pub const MAIN_LINE: &str = "main: returning";

// ANCHOR: run_child
/// Runs this same program as a child doing `job` with `args`, waits for it,
/// and returns what it printed. A child that fails is an error with what it
/// wrote on its standard error.
pub fn run_child(job: &str, args: &[String]) -> io::Result<String> {
    let output = Command::new(std::env::current_exe()?)
        .env(CHILD_ENV, job)
        .args(args)
        .stdin(Stdio::null())
        .output()?;
    if !output.status.success() {
        return Err(io::Error::other(format!(
            "the `{job}` child ended with {}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    String::from_utf8(output.stdout).map_err(io::Error::other)
}
// ANCHOR_END: run_child

// ANCHOR: daemon
/// Python's daemon threads, in Rust: when `main` returns, the process ends,
/// and every thread still running ends with it, in the middle of its work.
/// Three children start a worker that naps two units: one returns from
/// `main` at once, one joins the worker first, one tells the worker to stop
/// and then joins it.
pub fn daemon(tl: &Timeline, settings: &Settings) -> io::Result<String> {
    let nap_ms = (2 * settings.unit.as_millis()).to_string();
    let [no_join, join, stop] = thread::scope(|scope| {
        // Start the three children, then wait for each: they run side by side.
        let children = ["no-join", "join", "stop"].map(|job| {
            let nap_ms = nap_ms.clone();
            scope.spawn(move || {
                let record = tl.start(job);
                match run_child(job, &[nap_ms]) {
                    Ok(out) => {
                        let lines: Vec<String> = out.lines().map(str::to_string).collect();
                        Ok(record.done(lines))
                    }
                    Err(e) => Err(record.failed(e)),
                }
            })
        });
        children.map(join_scoped)
    });
    let (no_join, join, stop) = (no_join?, join?, stop?);
    let worker = |lines: &[String]| {
        let said = |line: &str| lines.iter().any(|l| l == line);
        match (said(WORKER_LINE), said(STOPPED_LINE)) {
            (true, _) => "done",
            (false, true) => "stopped",
            (false, false) => "lost",
        }
    };
    Ok(format!(
        "worker: {} without join, {} with join, {} if told",
        worker(&no_join),
        worker(&join),
        worker(&stop)
    ))
}

/// How a `daemon` child's `main` ends.
#[derive(Clone, Copy)]
enum Ending {
    /// Returns at once, the worker still napping.
    Return,
    /// Waits for the worker to finish its nap.
    Join,
    /// Tells the worker to stop, then waits for it.
    Stop,
}

/// A `daemon` child: a worker thread naps `nap`, then prints; `main` ends
/// as `ending` says.
fn daemon_child(nap: Duration, ending: Ending) {
    match ending {
        Ending::Return => {
            thread::spawn(move || {
                thread::sleep(nap);
                println!("{WORKER_LINE}");
            });
            // Returning from main ends the process, and the worker with it.
        }
        Ending::Join => {
            let worker = thread::spawn(move || {
                thread::sleep(nap);
                println!("{WORKER_LINE}");
            });
            join(worker);
        }
        Ending::Stop => {
            // A nap that a message cuts short: waiting on a channel with a
            // timeout. (A dropped sender cuts it short too.)
            let (stop, stop_asked) = mpsc::channel::<()>();
            let worker = thread::spawn(move || match stop_asked.recv_timeout(nap) {
                Err(RecvTimeoutError::Timeout) => println!("{WORKER_LINE}"),
                Ok(()) | Err(RecvTimeoutError::Disconnected) => println!("{STOPPED_LINE}"),
            });
            // If the worker has already ended, there is no one to tell.
            let _ = stop.send(());
            join(worker);
        }
    }
    println!("{MAIN_LINE}");
}
// ANCHOR_END: daemon

// ANCHOR: cpu_bound
/// The same CPU-bound work (fib of `--fib-max`-7 to `--fib-max`) serially,
/// on `--workers` threads, with rayon on a pool of `--workers` threads, and
/// on `--workers` processes; every way's results are checked against the
/// serial ones.
pub fn cpu_bound(tl: &Timeline, settings: &Settings) -> io::Result<Timings> {
    let inputs = fib_inputs(settings);
    let shares = shares(&inputs, settings.value(WORKERS) as usize);

    let started = Instant::now();
    let record = tl.start("serial");
    let mut expected: Vec<(u64, u64)> = inputs.iter().map(|&n| (n, fib(n))).collect();
    record.done(&inputs);
    let serial = started.elapsed();

    let started = Instant::now();
    let on_threads = fib_on_threads(tl, &shares);
    let threads = started.elapsed();

    let started = Instant::now();
    let on_rayon = fib_on_rayon(tl, &inputs, shares.len())?;
    let rayon = started.elapsed();

    let started = Instant::now();
    let on_processes = fib_on_processes(tl, &shares)?;
    let processes = started.elapsed();

    expected.sort_unstable();
    let all = [
        ("threads", on_threads),
        ("rayon", on_rayon),
        ("processes", on_processes),
    ];
    for (how, mut got) in all {
        got.sort_unstable();
        if got != expected {
            return Err(io::Error::other(format!(
                "the {how} computed {got:?}, not {expected:?}"
            )));
        }
    }
    Ok(Timings {
        cores: cores(),
        serial,
        threads,
        rayon: Some(rayon),
        processes,
    })
}

// ANCHOR_END: cpu_bound

// ANCHOR: fib_on_rayon
/// The same work as data parallelism: rayon splits the list between the
/// threads of its pool, which steal from each other when they run out.
fn fib_on_rayon(tl: &Timeline, inputs: &[u64], threads: usize) -> io::Result<Vec<(u64, u64)>> {
    use rayon::prelude::*;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(io::Error::other)?;
    let record = tl.start("rayon");
    let results: Vec<(u64, u64)> =
        pool.install(|| inputs.par_iter().map(|&n| (n, fib(n))).collect());
    record.done(inputs);
    Ok(results)
}

// ANCHOR_END: fib_on_rayon

// ANCHOR: fib_on_threads
/// Each share on a thread of its own.
fn fib_on_threads(tl: &Timeline, shares: &[Vec<u64>]) -> Vec<(u64, u64)> {
    thread::scope(|scope| {
        let handles: Vec<_> = shares
            .iter()
            .enumerate()
            .map(|(i, share)| {
                scope.spawn(move || {
                    let record = tl.start(&lane("thread", i));
                    let results: Vec<(u64, u64)> = share.iter().map(|&n| (n, fib(n))).collect();
                    record.done(share);
                    results
                })
            })
            .collect();
        handles.into_iter().flat_map(join_scoped).collect()
    })
}

// ANCHOR_END: fib_on_threads

// ANCHOR: fib_on_processes
/// Each share in a child process of its own (a thread here waits for each).
fn fib_on_processes(tl: &Timeline, shares: &[Vec<u64>]) -> io::Result<Vec<(u64, u64)>> {
    let per_child: Vec<io::Result<Vec<(u64, u64)>>> = thread::scope(|scope| {
        let handles: Vec<_> = shares
            .iter()
            .enumerate()
            .map(|(i, share)| {
                scope.spawn(move || {
                    let record = tl.start(&lane("process", i));
                    let args: Vec<String> = share.iter().map(u64::to_string).collect();
                    match run_child("fib", &args).and_then(|out| parse_pairs(&out)) {
                        Ok(results) => {
                            record.done(share);
                            Ok(results)
                        }
                        Err(e) => Err(record.failed(e)),
                    }
                })
            })
            .collect();
        handles.into_iter().map(join_scoped).collect()
    });
    let mut all = Vec::new();
    for results in per_child {
        all.extend(results?);
    }
    Ok(all)
}

/// Reads a `fib` child's output: one `n fib(n)` pair per line.
fn parse_pairs(out: &str) -> io::Result<Vec<(u64, u64)>> {
    out.lines()
        .map(|line| {
            let mut numbers = line.split(' ').map(str::parse::<u64>);
            match (numbers.next(), numbers.next(), numbers.next()) {
                (Some(Ok(n)), Some(Ok(value)), None) => Ok((n, value)),
                _ => Err(io::Error::other(format!(
                    "a `fib` child printed {line:?}, not `N FIB`"
                ))),
            }
        })
        .collect()
}
// ANCHOR_END: fib_on_processes

// ANCHOR: io_bound
/// I/O-bound work, played by naps of one unit: `--tasks` of them one after
/// another, then each on a thread of its own, then each in a process of its own.
pub fn io_bound(tl: &Timeline, settings: &Settings) -> io::Result<Timings> {
    let (tasks, unit) = (settings.value(TASKS) as usize, settings.unit);

    let started = Instant::now();
    let record = tl.start("serial");
    for _ in 0..tasks {
        thread::sleep(unit);
    }
    record.done(tasks);
    let serial = started.elapsed();

    let started = Instant::now();
    thread::scope(|scope| {
        for i in 0..tasks {
            scope.spawn(move || {
                let record = tl.start(&lane("thread", i));
                thread::sleep(unit);
                record.done(());
            });
        }
    });
    let threads = started.elapsed();

    let started = Instant::now();
    let unit_ms = unit.as_millis().to_string();
    let naps: Vec<io::Result<()>> = thread::scope(|scope| {
        let handles: Vec<_> = (0..tasks)
            .map(|i| {
                let unit_ms = unit_ms.clone();
                scope.spawn(move || {
                    let record = tl.start(&lane("process", i));
                    match run_child("sleep", &[unit_ms]) {
                        Ok(_) => {
                            record.done(());
                            Ok(())
                        }
                        Err(e) => Err(record.failed(e)),
                    }
                })
            })
            .collect();
        handles.into_iter().map(join_scoped).collect()
    });
    naps.into_iter().collect::<io::Result<()>>()?;
    let processes = started.elapsed();

    Ok(Timings {
        cores: cores(),
        serial,
        threads,
        rayon: None, // rayon's threads are for CPU work: a nap would hold one
        processes,
    })
}
// ANCHOR_END: io_bound

// ANCHOR: do_not_share
/// A counter every thread of one process shares.
pub static COUNTER: AtomicU64 = AtomicU64::new(0);

/// How many times each child, then each thread, adds one to [`COUNTER`].
pub const INCREMENTS: u64 = 1000;

/// What `processes_do_not_share` saw.
#[derive(Debug, PartialEq)]
pub struct Counted {
    /// The counter each child printed before it ended.
    pub in_children: Vec<u64>,
    /// This process's counter after the children ended.
    pub here_after_children: u64,
    /// This process's counter after as many threads did the same.
    pub here_after_threads: u64,
}

/// `--workers` children each add one to their `COUNTER` [`INCREMENTS`]
/// times: each has its own copy of the program's memory, so ours stays 0.
/// Then as many threads do the same, to the one `COUNTER` they share.
pub fn processes_do_not_share(tl: &Timeline, settings: &Settings) -> io::Result<Counted> {
    COUNTER.store(0, Ordering::SeqCst); // a run starts from 0, whatever ran before
    let workers = settings.value(WORKERS) as usize;
    let times = INCREMENTS.to_string();
    let in_children: Vec<io::Result<u64>> = thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|i| {
                let times = times.clone();
                scope.spawn(move || {
                    let record = tl.start(&lane("child", i));
                    let counted = run_child("count", &[times]).and_then(|out| {
                        out.trim().parse::<u64>().map_err(|_| {
                            io::Error::other(format!("a `count` child printed {out:?}"))
                        })
                    });
                    match counted {
                        Ok(n) => Ok(record.done(n)),
                        Err(e) => Err(record.failed(e)),
                    }
                })
            })
            .collect();
        handles.into_iter().map(join_scoped).collect()
    });
    let in_children = in_children.into_iter().collect::<io::Result<Vec<u64>>>()?;
    let here_after_children = COUNTER.load(Ordering::SeqCst);

    thread::scope(|scope| {
        for i in 0..workers {
            scope.spawn(move || {
                let record = tl.start(&lane("thread", i));
                for _ in 0..INCREMENTS {
                    COUNTER.fetch_add(1, Ordering::Relaxed);
                }
                record.done(());
            });
        }
    });
    Ok(Counted {
        in_children,
        here_after_children,
        here_after_threads: COUNTER.load(Ordering::SeqCst),
    })
}
// ANCHOR_END: do_not_share

// ANCHOR: child_main
/// What a child process does: the job [`CHILD_ENV`] names, with the
/// arguments it was given; `None` in the parent process.
pub fn child_main() -> Option<ExitCode> {
    let job = std::env::var(CHILD_ENV).ok()?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    Some(match child_job(&job, &args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    })
}

fn child_job(job: &str, args: &[String]) -> Result<(), String> {
    let numbers = || -> Result<Vec<u64>, String> {
        args.iter()
            .map(|a| {
                a.parse()
                    .map_err(|_| format!("`{a}` is not a whole number"))
            })
            .collect()
    };
    let one_number = || match numbers()?[..] {
        [n] => Ok(n),
        _ => Err(format!("the `{job}` job takes one number, not {args:?}")),
    };
    match job {
        "fib" => {
            for n in numbers()? {
                println!("{n} {}", fib(n));
            }
        }
        "sleep" => thread::sleep(Duration::from_millis(one_number()?)),
        "count" => {
            for _ in 0..one_number()? {
                COUNTER.fetch_add(1, Ordering::Relaxed);
            }
            println!("{}", COUNTER.load(Ordering::SeqCst));
        }
        "no-join" => daemon_child(Duration::from_millis(one_number()?), Ending::Return),
        "join" => daemon_child(Duration::from_millis(one_number()?), Ending::Join),
        "stop" => daemon_child(Duration::from_millis(one_number()?), Ending::Stop),
        "worker" => crate::process_pool::worker_main()?,
        _ => return Err(format!("unknown job `{job}`")),
    }
    Ok(())
}
// ANCHOR_END: child_main
