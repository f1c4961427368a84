//! Work handed to the blocking pool cannot be stopped once it has started:
//! tokio's `abort()` does nothing to it and its runtime waits for it when it
//! shuts down; dropping smol's or async-std's handle lets it run on.
//!
//! The closures wait for a gate that the test opens only after it has tried
//! to stop them, so nothing here depends on timing.

use blocking_in_async::tokio_version;
use harness::unless_cancelled;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// Blocking work that says when it started, waits for the gate, and says
/// when it finished.
fn gated_work(started: Sender<()>, gate: Receiver<()>, finished: Sender<()>) -> impl FnOnce() {
    move || {
        started.send(()).unwrap();
        gate.recv().unwrap();
        finished.send(()).unwrap();
    }
}

const PATIENCE: Duration = Duration::from_secs(20);

#[test]
fn tokio_abort_does_not_stop_started_blocking_work_and_shutdown_waits_for_it() {
    let (started_tx, started) = channel();
    let (open, gate) = channel();
    let (finished_tx, finished) = channel();
    let work = gated_work(started_tx, gate, finished_tx);
    let aborted = tokio_version::block_on(tokio_version::current_thread(), async move {
        let handle = tokio::task::spawn_blocking(work);
        started
            .recv_timeout(PATIENCE)
            .expect("the work never started");
        handle.abort();
        open.send(()).unwrap();
        // abort() had no effect: the work finishes and its result comes back.
        unless_cancelled(handle.await).is_none()
    });
    assert!(!aborted, "a started spawn_blocking was cancelled");
    finished
        .try_recv()
        .expect("finished before block_on returned");

    // Not awaited at all: the runtime's shutdown (at the end of block_on,
    // when the runtime is dropped) waits for the work to finish.
    let (started_tx, started) = channel();
    let (open, gate) = channel();
    let (finished_tx, finished) = channel();
    let work = gated_work(started_tx, gate, finished_tx);
    tokio_version::block_on(tokio_version::current_thread(), async move {
        drop(tokio::task::spawn_blocking(work)); // detached, not stopped
        started
            .recv_timeout(PATIENCE)
            .expect("the work never started");
        open.send(()).unwrap();
    });
    finished
        .try_recv()
        .expect("the runtime shut down before the blocking work finished");
}

#[test]
fn dropping_smols_unblock_task_does_not_stop_started_work() {
    let (started_tx, started) = channel();
    let (open, gate) = channel();
    let (finished_tx, finished) = channel();
    let task = smol::unblock(gated_work(started_tx, gate, finished_tx));
    started
        .recv_timeout(PATIENCE)
        .expect("the work never started");
    drop(task); // cancels the Task, but the closure is already running on its thread
    open.send(()).unwrap();
    finished
        .recv_timeout(PATIENCE)
        .expect("the work was stopped half-way");
}

#[test]
fn dropping_async_stds_blocking_handle_does_not_stop_started_work() {
    let (started_tx, started) = channel();
    let (open, gate) = channel();
    let (finished_tx, finished) = channel();
    let handle = async_std::task::spawn_blocking(gated_work(started_tx, gate, finished_tx));
    started
        .recv_timeout(PATIENCE)
        .expect("the work never started");
    drop(handle); // detaches
    open.send(()).unwrap();
    finished
        .recv_timeout(PATIENCE)
        .expect("the work was stopped half-way");
}

/// Set in the child process of the test below.
const CHILD: &str = "BLOCKING_IN_ASYNC_POOL_CHILD";

/// `BLOCKING_MAX_THREADS` bounds smol's (and async-std's) blocking pool, but
/// only if it is set before the pool starts, and then for the whole program:
/// so the test runs itself again, as a fresh process with the variable set.
#[test]
fn blocking_max_threads_bounds_the_pool_of_a_fresh_process() {
    if std::env::var_os(CHILD).is_none() {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "blocking_max_threads_bounds_the_pool_of_a_fresh_process",
                "--exact",
                "--nocapture",
            ])
            .env(CHILD, "1")
            .env("BLOCKING_MAX_THREADS", "3")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{text}");
        assert!(text.contains("1 passed"), "the child ran no test: {text}");
        return;
    }
    use blocking_in_async::{EXAMPLE, scenario::*};
    let s = harness::cli::settings(&EXAMPLE, &["--tasks", "10", "--unit-ms", "100"]);
    let server = start_server(&s).unwrap();
    let tl = harness::Timeline::new();
    let calls = task_names(&s).into_iter().map(|name| {
        let (tl, addr) = (tl.clone(), server.addr);
        smol::unblock(move || blocking_title(&tl, &name, addr)) // no semaphore
    });
    let titles: Vec<_> = smol::block_on(futures::future::join_all(calls));
    assert!(titles.iter().all(|t| t.is_ok()), "{titles:?}");
    assert_eq!(server.stats.peak_in_flight(), 3);
    assert_eq!(waves(&tl), 4);
}
