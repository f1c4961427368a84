//! The CPU work is calibrated once, robustly: with every core busy during
//! the calibration, a unit of work still costs about a unit of CPU time.
//! And only when a scenario needs it: `--help` does not wait for it.

use blocking_in_async::cpu::{measure_steps_per_ms, spin};
use blocking_in_async::runs_cpu_work;
use std::ffi::OsString;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// CPU time this thread has used so far, from Linux's
/// `/proc/thread-self/schedstat` (its first field, in ns); `None` elsewhere.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

#[test]
fn calibration_on_a_busy_machine_still_gives_a_unit_of_cpu_per_unit_of_work() {
    let Some(_) = thread_cpu_time() else {
        eprintln!("skipped: no /proc/thread-self/schedstat to measure CPU time with");
        return;
    };
    // Three busy threads per core, besides whatever else the machine runs.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let stop = Arc::new(AtomicBool::new(false));
    let hogs: Vec<_> = (0..3 * cores)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    spin(10_000);
                }
            })
        })
        .collect();
    let rate = measure_steps_per_ms();
    stop.store(true, Ordering::Relaxed);
    hogs.into_iter().for_each(|h| h.join().unwrap());

    // 100 ms of work by that rate: the CPU time it takes does not depend on
    // what else runs (a preempted thread's clock stops), only on the rate.
    let before = thread_cpu_time().unwrap();
    spin((rate * 100.0) as u64);
    let used = thread_cpu_time().unwrap() - before;
    println!("100 ms of calibrated work used {used:?} of CPU");
    assert!(
        used > Duration::from_millis(70) && used < Duration::from_millis(140),
        "100 ms of work used {used:?} of CPU: the calibration is off"
    );
}

#[test]
fn only_runs_with_cpu_scenarios_calibrate() {
    let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
    assert!(runs_cpu_work(args(&[])));
    assert!(runs_cpu_work(args(&[
        "--scenario",
        "thread_sleep,cpu_loop"
    ])));
    assert!(runs_cpu_work(args(&["--scenario=offloaded_cpu"])));
    assert!(!runs_cpu_work(args(&["--help"])));
    assert!(!runs_cpu_work(args(&["--scenario", "cpu_loop", "-h"])));
    assert!(!runs_cpu_work(args(&[
        "--scenario",
        "thread_sleep,bounded_pool"
    ])));
    assert!(!runs_cpu_work(args(&["--unit-ms", "fast"])));
}
