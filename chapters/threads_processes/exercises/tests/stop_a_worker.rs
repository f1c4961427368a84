//! Checks for `stop_a_worker`.

use exercise_support::threads::{Log, SAY_TAKES};
use std::thread;
use std::time::{Duration, Instant};
use threads_processes_exercises::stop_a_worker::start_worker;

#[test]
fn stop_ends_the_nap_early_and_waits_for_the_last_line() {
    let log = Log::new();
    let worker = start_worker(Duration::from_secs(3), log.clone());
    thread::sleep(Duration::from_millis(50));
    let asked = Instant::now();
    worker.stop();
    let took = asked.elapsed();
    assert!(
        took < Duration::from_millis(600),
        "stop took {took:?}: a worker napping 3 s must stop soon after it is told \
         (std::thread::sleep cannot be cut short)"
    );
    assert_eq!(
        log.lines(),
        ["stopped"],
        "when stop returns, the worker has said its line (saying takes {SAY_TAKES:?}): \
         stop must wait for the thread to end"
    );
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
}

#[test]
fn stopping_a_worker_that_has_ended_is_fine() {
    let log = Log::new();
    let worker = start_worker(Duration::from_millis(20), log.clone());
    thread::sleep(Duration::from_millis(300)); // it has napped and spoken by now
    worker.stop(); // nobody listens any more: this must not panic
    assert_eq!(log.lines(), ["finished"]);
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
    assert!(
        asked.elapsed() < Duration::from_millis(1500),
        "{:?}",
        asked.elapsed()
    );
    assert_eq!(log.lines(), ["stopped"; 4]);
}
