//! What every version shares: the flags, the CPU work (a naive Fibonacci),
//! how that work is split between workers, and how results are shown.

use harness::Settings;
use std::collections::BTreeMap;
use std::time::Duration;

/// `--workers N`: threads, or processes, that share the CPU-bound work.
pub const WORKERS: &str = "--workers";
/// `--fib-max N`: the CPU-bound work is fib(N-7) to fib(N).
pub const FIB_MAX: &str = "--fib-max";
/// `--tasks N`: how many waits of one unit the I/O-bound scenarios make.
pub const TASKS: &str = "--tasks";

/// How many numbers the CPU-bound work computes.
pub const FIB_COUNT: u64 = 8;

// ANCHOR: fib
/// The n-th Fibonacci number, computed the slow way on purpose: pure CPU
/// work with nothing to wait for, about 1.6 times longer for each next n.
pub fn fib(n: u64) -> u64 {
    if n < 2 { n } else { fib(n - 1) + fib(n - 2) }
}
// ANCHOR_END: fib

/// The numbers whose Fibonacci the CPU-bound scenario computes: with
/// `--fib-max 32`, 25 to 32 (the range the Python seeds use).
pub fn fib_inputs(settings: &Settings) -> Vec<u64> {
    let max = settings.value(FIB_MAX);
    (max + 1 - FIB_COUNT..=max).collect()
}

/// Splits `inputs` between `workers` so that each gets about the same
/// amount of work: the largest first, each to the worker with the least
/// work so far. fib(n) costs about φⁿ calls. Threads and processes get the
/// same shares, so that the two compare fairly.
pub fn shares(inputs: &[u64], workers: usize) -> Vec<Vec<u64>> {
    let mut sorted = inputs.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let mut shares = vec![Vec::new(); workers.min(inputs.len()).max(1)];
    let mut load = vec![0.0_f64; shares.len()];
    for n in sorted {
        let lightest = (0..shares.len())
            .min_by(|&a, &b| load[a].total_cmp(&load[b]))
            .expect("at least one worker");
        shares[lightest].push(n);
        load[lightest] += 1.618_f64.powi(n as i32);
    }
    shares
}

/// The number of cores this program may use.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The name of a lane on the timeline: `thread1`, `process2`, ...
pub fn lane(kind: &str, i: usize) -> String {
    format!("{kind}{}", i + 1)
}

/// Milliseconds, as the summaries print them.
pub fn ms(d: Duration) -> String {
    format!("{} ms", d.as_millis())
}

/// How long the same work took serially, on threads and on processes.
#[derive(Clone, Copy)]
pub struct Timings {
    pub cores: usize,
    pub serial: Duration,
    pub threads: Duration,
    pub processes: Duration,
}

impl Timings {
    /// Serial time over the time taken: 2.0 means twice as fast.
    pub fn speedup(&self, took: Duration) -> f64 {
        self.serial.as_secs_f64() / took.as_secs_f64().max(1e-9)
    }
}

impl std::fmt::Debug for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} cores: serial {}, threads x{:.1}, processes x{:.1}",
            self.cores,
            ms(self.serial),
            self.speedup(self.threads),
            self.speedup(self.processes)
        )
    }
}

/// A thread as a task saw it: its name, and a number telling apart
/// threads with the same name (tokio's workers all have one name).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OnThread {
    pub number: usize,
    pub name: String,
}

impl std::fmt::Debug for OnThread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{} {}", self.number, self.name)
    }
}

/// Gives each OS thread a task runs on a small number, in the order they
/// are first seen, so that a timeline says which lanes shared a thread.
#[derive(Default)]
pub struct ThreadNumbers {
    seen: std::sync::Mutex<Vec<std::thread::ThreadId>>,
}

impl ThreadNumbers {
    /// The thread calling this.
    pub fn current(&self) -> OnThread {
        let thread = std::thread::current();
        let mut seen = self.seen.lock().unwrap();
        let number = match seen.iter().position(|id| *id == thread.id()) {
            Some(i) => i + 1,
            None => {
                seen.push(thread.id());
                seen.len()
            }
        };
        OnThread {
            number,
            name: thread.name().unwrap_or("(unnamed)").to_string(),
        }
    }
}

/// Which threads a batch of tasks ran on: how many tasks, and the threads
/// by name with how many distinct threads have that name.
pub struct ThreadsUsed(pub Vec<OnThread>);

impl ThreadsUsed {
    /// Distinct threads per name.
    pub fn by_name(&self) -> BTreeMap<String, usize> {
        let mut distinct: Vec<&OnThread> = self.0.iter().collect();
        distinct.sort();
        distinct.dedup();
        let mut names = BTreeMap::new();
        for t in distinct {
            *names.entry(t.name.clone()).or_insert(0) += 1;
        }
        names
    }

    /// How many distinct threads the tasks ran on.
    pub fn threads(&self) -> usize {
        self.by_name().values().sum()
    }
}

impl std::fmt::Debug for ThreadsUsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<String> = self
            .by_name()
            .into_iter()
            .map(|(name, n)| format!("{n} {name}"))
            .collect();
        write!(f, "{} tasks woke on {}", self.0.len(), names.join(", "))
    }
}

/// With no overhead, the I/O-bound work on threads or processes: every
/// wait at the same time.
pub fn ideal_io(s: &Settings) -> Duration {
    s.unit
}
