//! What every runtime version shares: how many tasks, their names, the
//! server, the CPU work, the heartbeat's measure, and the times to expect.

use harness::{Settings, Timeline};
use slow_server::{Config, RunningServer};
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

pub use crate::cpu::{calibrate_cpu_work, cpu_work};

/// `--tasks N`: how many tasks each scenario starts.
pub const TASKS: &str = "--tasks";
/// `--pool-threads N`: how many threads `bounded_pool` lets the blocking calls use.
pub const POOL_THREADS: &str = "--pool-threads";

/// Worker threads of the multi-threaded runtimes (tokio's and async-std's).
/// Pinned, so the example prints the same on every machine; by default both
/// start one per CPU core.
pub const WORKERS: usize = 2;

/// How often the heartbeat asks to wake.
pub const TICK: Duration = Duration::from_millis(10);

/// How much CPU work `chunked_cpu` does between two `yield_now`s: the usual
/// advice is 10 to 100 µs between two `.await`s.
pub const CHUNK: Duration = Duration::from_micros(100);

/// How many [`CHUNK`]s make `unit` of CPU work.
pub fn chunks_in(unit: Duration) -> u32 {
    unit.as_micros().div_ceil(CHUNK.as_micros()) as u32
}

/// The task names `t1`, `t2`, ... padded so that they sort in order.
pub fn task_names(settings: &Settings) -> Vec<String> {
    let n = settings.value(TASKS);
    let width = n.to_string().len();
    (1..=n).map(|i| format!("t{i:0>width$}")).collect()
}

/// The page task `t3` fetches: `/detail/3`.
pub fn path_for(name: &str) -> String {
    format!("/detail/{}", name.trim_start_matches(['t', '0']))
}

/// A slow server on a free port whose answers wait one delay unit.
pub fn start_server(settings: &Settings) -> io::Result<RunningServer> {
    slow_server::start(Config::with_delay(settings.unit))
}

/// The text of a page's `<title>`.
pub fn title_of(body: &str) -> String {
    http_get::title(body).unwrap_or("(no title)").to_string()
}

/// The blocking request of `bounded_pool`, recorded on the timeline from
/// the moment a thread of the pool starts it (not from the moment it was
/// handed to the pool), so that the waves show.
pub fn blocking_title(tl: &Timeline, name: &str, addr: SocketAddr) -> io::Result<String> {
    let record = tl.start(name);
    match http_get::blocking_get(addr, &path_for(name)) {
        Ok(page) => Ok(record.done(title_of(&page.body))),
        Err(e) => Err(record.failed(e)),
    }
}

/// How late a heartbeat's ticks came, at worst.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
pub struct Lateness(pub Duration);

impl fmt::Debug for Lateness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ms late", self.0.as_millis())
    }
}

/// The most tasks that were running at the same moment, from the order of
/// their `start` and end events on the timeline (not from their times, so
/// a slow, busy machine does not change it).
pub fn most_at_once(tl: &Timeline, names: &[String]) -> usize {
    let (mut now, mut most) = (0usize, 0);
    for event in tl.events() {
        if !names.contains(&event.task) {
            continue;
        }
        if event.event == "start" {
            now += 1;
            most = most.max(now);
        } else {
            now = now.saturating_sub(1);
        }
    }
    most
}

/// How many waves the tasks ran in, from the order of the timeline's events
/// (not their times, so a busy machine does not change it): a task's wave is
/// one more than the highest wave among the tasks that had ended when it
/// started. A pool of `k` threads running `n` requests of the same length
/// runs them in `ceil(n / k)` waves.
pub fn waves(tl: &Timeline) -> usize {
    let mut wave_of: Vec<(String, usize)> = Vec::new();
    let mut ended_waves: Vec<usize> = Vec::new();
    for event in tl.events() {
        if event.event == "start" {
            let wave = 1 + ended_waves.iter().max().copied().unwrap_or(0);
            wave_of.push((event.task, wave));
        } else if let Some((_, wave)) = wave_of.iter().find(|(task, _)| *task == event.task) {
            ended_waves.push(*wave);
        }
    }
    wave_of.iter().map(|(_, wave)| *wave).max().unwrap_or(0)
}

pub use harness::error_chain;

/// The wall time the tasks (one unit each) would take if they all waited at once.
pub fn ideal_concurrent(settings: &Settings) -> Duration {
    settings.unit
}

/// The wall time of `bounded_pool`: one unit per wave of as many requests
/// as the pool has threads.
pub fn ideal_in_waves(settings: &Settings) -> Duration {
    let waves = settings.value(TASKS).div_ceil(settings.value(POOL_THREADS));
    settings.unit * waves as u32
}

/// The wall time their CPU work would take spread over every core.
pub fn ideal_on_every_core(settings: &Settings) -> Duration {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    settings.unit * settings.value(TASKS) as u32 / cores.min(settings.value(TASKS) as usize) as u32
}
