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
/// `--increments N`: how many times each thread adds 1 in `lost_updates`.
pub const INCREMENTS: &str = "--increments";

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
    /// The CPU-bound work only: rayon's `par_iter`.
    pub rayon: Option<Duration>,
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
        // The serial time is the `serial` lane of the timeline; the
        // benchmark (benches/threads_processes.rs) prints every time.
        write!(
            f,
            "{} cores: threads x{:.1}",
            self.cores,
            self.speedup(self.threads)
        )?;
        if let Some(rayon) = self.rayon {
            write!(f, ", rayon x{:.1}", self.speedup(rayon))?;
        }
        write!(f, ", processes x{:.1}", self.speedup(self.processes))
    }
}

/// A thread as a task saw it: its name, and a number telling apart
/// threads with the same name (tokio's workers all have one name).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OnThread {
    pub number: usize,
    pub name: String,
}

/// Only the name: a timeline lane has room for `tokio-rt-worker`, and on a
/// multi-threaded runtime which worker woke a task changes from run to run.
impl std::fmt::Debug for OnThread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
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

impl ThreadsUsed {
    /// `8 tasks woke on 2 tokio-rt-worker`. With `varies`, each count is
    /// written `~2`: on a runtime with several worker threads, how many of
    /// them wake the tasks changes from run to run.
    pub fn describe(&self, varies: bool) -> String {
        let mark = if varies { "~" } else { "" };
        let names: Vec<String> = self
            .by_name()
            .into_iter()
            .map(|(name, n)| format!("{mark}{n} {name}"))
            .collect();
        format!("{} tasks woke on {}", self.0.len(), names.join(", "))
    }
}

impl std::fmt::Debug for ThreadsUsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(false))
    }
}

/// With no overhead, the I/O-bound work on threads or processes: every
/// wait at the same time.
pub fn ideal_io(s: &Settings) -> Duration {
    s.unit
}

/// With no overhead, the pool scenarios' jobs on `--workers` threads or
/// processes: each job goes to the worker free first.
pub fn pool_ideal(s: &Settings) -> Duration {
    ideal_for(s, &crate::pools::JOBS)
}

/// [`pool_ideal`] for `pool_cancel`, where the last job never runs (it is
/// cancelled while queued) and the first ends unwatched.
pub fn pool_cancel_ideal(s: &Settings) -> Duration {
    let jobs = &crate::pools::JOBS;
    ideal_for(s, &jobs[..jobs.len() - 1])
}

fn ideal_for(s: &Settings, jobs: &[(&str, u32)]) -> Duration {
    let workers = (s.value(WORKERS) as usize).max(1);
    let mut busy_until = vec![0_u32; workers];
    for (_, units) in jobs {
        let free_first = busy_until.iter_mut().min().expect("one worker at least");
        *free_first += units;
    }
    s.units(*busy_until.iter().max().expect("one worker at least"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fib_is_fibonacci() {
        let first: Vec<u64> = (0..10).map(fib).collect();
        assert_eq!(first, [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]);
        assert_eq!(fib(25), 75_025);
    }

    /// The work in a share, in calls of the naive fib.
    fn calls(share: &[u64]) -> u64 {
        fn calls(n: u64) -> u64 {
            if n < 2 {
                1
            } else {
                1 + calls(n - 1) + calls(n - 2)
            }
        }
        share.iter().map(|&n| calls(n)).sum()
    }

    /// Whether the shares' work differs by at most a quarter.
    fn balanced(shares: &[Vec<u64>]) -> bool {
        let work: Vec<u64> = shares.iter().map(|s| calls(s)).collect();
        let (least, most) = (work.iter().min().unwrap(), work.iter().max().unwrap());
        *most as f64 <= *least as f64 * 1.25
    }

    #[test]
    fn shares_cover_every_input_once_and_weigh_about_the_same() {
        let inputs: Vec<u64> = (18..=25).collect();
        for workers in [2, 3] {
            let shares = shares(&inputs, workers);
            assert_eq!(shares.len(), workers);
            let mut all: Vec<u64> = shares.concat();
            all.sort_unstable();
            assert_eq!(all, inputs);
        }
        // Striding (18, 20, ... and 19, 21, ...) would give 1 : 1.6.
        assert!(balanced(&shares(&inputs, 2)), "{:?}", shares(&inputs, 2));
        // fib(25) is more than a third of the work: it gets a worker of its
        // own, and the other two share the rest evenly.
        let three = shares(&inputs, 3);
        assert_eq!(three[0], [25]);
        assert!(balanced(&three[1..]), "{three:?}");
    }

    #[test]
    fn more_workers_than_inputs_leaves_no_empty_share() {
        let shares = shares(&[1, 2, 3], 8);
        assert_eq!(shares.len(), 3);
        assert!(shares.iter().all(|s| s.len() == 1));
    }

    #[test]
    fn threads_are_told_apart_by_number_and_counted_by_name() {
        let numbers = ThreadNumbers::default();
        let here = numbers.current();
        let there = std::thread::scope(|s| s.spawn(|| numbers.current()).join().unwrap());
        assert_eq!(here.number, 1);
        assert_eq!(there.number, 2);
        assert_eq!(numbers.current(), here);
        let used = ThreadsUsed(vec![here.clone(), there, here]);
        assert_eq!(used.threads(), 2);
        assert!(
            format!("{used:?}").starts_with("3 tasks woke on "),
            "{used:?}"
        );
    }
}
