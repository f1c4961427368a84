//! What every runtime version shares: how many tasks, their names, the
//! server, the CPU work, and the times to expect.

use harness::Settings;
use slow_server::{Config, RunningServer};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// `--tasks N`: how many tasks each scenario starts.
pub const TASKS: &str = "--tasks";

/// Worker threads of the multi-threaded runtimes (tokio's and async-std's).
/// Pinned, so the example prints the same on every machine; by default both
/// start one per CPU core.
pub const WORKERS: usize = 2;

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
pub fn start_server(settings: &Settings) -> RunningServer {
    slow_server::start(Config::with_delay(settings.unit)).expect("could not start the slow server")
}

/// The text of a page's `<title>`.
pub fn title_of(body: &str) -> String {
    http_get::title(body).unwrap_or("(no title)").to_string()
}

/// CPU work that takes about `duration` on one core of this machine: a loop
/// with nothing to wait for, so no `.await` can interrupt it.
pub fn cpu_work(duration: Duration) -> u64 {
    let steps = (steps_per_ms() * duration.as_secs_f64() * 1000.0) as u64;
    spin(steps)
}

fn spin(steps: u64) -> u64 {
    let mut x = 0x2545_F491_4F6C_DD1D_u64;
    for _ in 0..steps {
        // xorshift: cheap, and the optimiser cannot skip it.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    std::hint::black_box(x)
}

/// Measures how fast this machine runs [`cpu_work`]'s loop (about 100 ms,
/// once). Call it before timing anything, or the first task pays for it.
pub fn calibrate_cpu_work() {
    steps_per_ms();
}

/// How many loop steps this machine does in a millisecond, measured once
/// over at least 100 ms so that a short hiccup does not skew it.
fn steps_per_ms() -> f64 {
    static RATE: OnceLock<f64> = OnceLock::new();
    *RATE.get_or_init(|| {
        let mut steps = 100_000;
        loop {
            let start = Instant::now();
            spin(steps);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            if ms >= 100.0 {
                return steps as f64 / ms;
            }
            steps *= 2;
        }
    })
}

/// The wall time the tasks (one unit each) would take if they all waited at once.
pub fn ideal_concurrent(settings: &Settings) -> Duration {
    settings.unit
}

/// The wall time their CPU work would take spread over every core.
pub fn ideal_on_every_core(settings: &Settings) -> Duration {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    settings.unit * settings.value(TASKS) as u32 / cores.min(settings.value(TASKS) as usize) as u32
}
