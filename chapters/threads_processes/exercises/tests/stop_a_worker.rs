//! Checks for `stop_a_worker`.
//!
//! Writing a line to the log takes a moment (50 ms, or 700 ms with a slow
//! log), so code that does not wait for the worker to end cannot see its
//! line; and the worker's clone of the log is dropped only when its thread
//! ends, so `Log::holders` tells whether it has.

use exercise_support::threads::{Log, SAY_TAKES};
use std::thread;
use std::time::{Duration, Instant};
use threads_processes_exercises::stop_a_worker::start_worker;

/// How long a reaction that takes microseconds may take on a busy machine.
const SLACK: Duration = Duration::from_millis(150);

/// The worker's thread has ended: only the check's own log is left.
fn assert_ended(log: &Log, after: &str) {
    assert_eq!(
        log.holders(),
        1,
        "after {after} returned, the worker's thread still holds its log: \
         it has not ended (wait for it with its JoinHandle)"
    );
}

#[test]
fn stop_ends_the_nap_early_and_waits_for_the_last_line() {
    let log = Log::new();
    let worker = start_worker(Duration::from_secs(3), log.clone());
    thread::sleep(Duration::from_millis(50));
    let asked = Instant::now();
    worker.stop();
    let took = asked.elapsed();
    assert!(
        took < SAY_TAKES + SLACK,
        "stop took {took:?}: a worker napping 3 s must wake as soon as it is told \
         (std::thread::sleep cannot be cut short), then say its line ({SAY_TAKES:?})"
    );
    assert_eq!(
        log.lines(),
        ["stopped"],
        "when stop returns, the worker has said its line: stop must wait for the thread to end"
    );
    assert_ended(&log, "stop");
}

#[test]
fn stop_waits_however_long_the_last_line_takes() {
    let log = Log::taking(Duration::from_millis(700));
    let worker = start_worker(Duration::from_secs(3), log.clone());
    let asked = Instant::now();
    worker.stop();
    let took = asked.elapsed();
    assert_eq!(
        log.lines(),
        ["stopped"],
        "this log takes 700 ms to write a line, and stop returned after {took:?} without it: \
         wait for the thread to end (join), not for a guess of how long it takes"
    );
    assert_ended(&log, "stop");
}

#[test]
fn a_worker_left_alone_finishes_its_nap() {
    let log = Log::new();
    let started = Instant::now();
    let worker = start_worker(Duration::from_millis(200), log.clone());
    worker.join();
    let took = started.elapsed();
    assert_eq!(
        log.lines(),
        ["finished"],
        "join waits without telling the worker to stop: it naps its 200 ms and says `finished`"
    );
    assert!(
        took >= Duration::from_millis(200),
        "join returned after {took:?}"
    );
    assert_ended(&log, "join");
}

#[test]
fn dropping_a_worker_tells_it_to_stop() {
    let log = Log::new();
    let worker = start_worker(Duration::from_secs(3), log.clone());
    let dropped = Instant::now();
    drop(worker);
    // Dropping does not wait; the worker stops on its own, soon.
    while log.lines().is_empty() && dropped.elapsed() < Duration::from_secs(4) {
        thread::sleep(Duration::from_millis(5));
    }
    let took = dropped.elapsed();
    assert_eq!(
        log.lines(),
        ["stopped"],
        "a dropped Worker's sender is gone: recv_timeout says Disconnected, which means stop"
    );
    assert!(
        took < SAY_TAKES + SLACK,
        "the dropped worker said `stopped` {took:?} later: it should wake at once"
    );
}

#[test]
fn stopping_a_worker_that_has_ended_is_fine() {
    let log = Log::new();
    let worker = start_worker(Duration::from_millis(20), log.clone());
    thread::sleep(Duration::from_millis(600)); // it has napped and spoken by now
    worker.stop(); // nobody listens any more: this must not panic
    assert_eq!(log.lines(), ["finished"]);
    assert_ended(&log, "stop");
}

#[test]
fn workers_do_not_wait_for_each_other() {
    let log = Log::new();
    let workers: Vec<_> = (0..4)
        .map(|_| start_worker(Duration::from_secs(3), log.clone()))
        .collect();
    let asked = Instant::now();
    for worker in workers {
        worker.stop();
    }
    let took = asked.elapsed();
    // One after another, each stop takes one line's time.
    assert!(
        took < SAY_TAKES * 4 + SLACK * 2,
        "stopping four took {took:?}"
    );
    assert_eq!(log.lines(), ["stopped"; 4]);
    assert_ended(&log, "the last stop");
}
