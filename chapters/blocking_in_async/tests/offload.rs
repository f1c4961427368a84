//! Work handed to the blocking pool cannot be stopped once it has started:
//! tokio's `abort()` does nothing to it and its runtime waits for it when it
//! shuts down; dropping smol's or async-std's handle lets it run on. Before a
//! thread has taken it, dropping smol's `Task` cancels it, tokio's `abort()`
//! keeps it from starting, and a dropped tokio or async-std handle only
//! detaches it. The pool's own bound (`max_blocking_threads`,
//! `BLOCKING_MAX_THREADS`) holds for every call on it.
//!
//! The closures wait for a gate that the test opens only after it has tried
//! to stop them, so nothing here depends on timing.

use blocking_in_async::tokio_version;
use harness::unless_cancelled;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
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

/// A closure that only says that it ran.
fn says_it_ran() -> (impl FnOnce() + Send + 'static, Receiver<()>) {
    let (ran_tx, ran) = channel();
    (move || ran_tx.send(()).unwrap(), ran)
}

#[test]
fn tokio_before_a_blocking_closure_starts_abort_stops_it_and_a_dropped_handle_detaches_it() {
    let (started_tx, started) = channel();
    let (open, gate) = channel();
    let (finished_tx, _finished) = channel();
    let busy = gated_work(started_tx, gate, finished_tx);
    let (aborted, aborted_ran) = says_it_ran();
    let (detached, detached_ran) = says_it_ran();
    let mut runtime = tokio_version::current_thread();
    runtime.max_blocking_threads(1); // one thread: the next calls wait in the queue
    tokio_version::block_on(runtime, async move {
        let busy = tokio::task::spawn_blocking(busy);
        started
            .recv_timeout(PATIENCE)
            .expect("the work never started");
        let aborted = tokio::task::spawn_blocking(aborted);
        aborted.abort(); // still in the queue
        drop(tokio::task::spawn_blocking(detached));
        open.send(()).unwrap();
        unless_cancelled(busy.await).expect("nothing cancels the busy work");
        assert!(
            unless_cancelled(aborted.await).is_none(),
            "an aborted spawn_blocking that had not started was not cancelled"
        );
        // The detached one runs when the thread is free.
        detached_ran
            .recv_timeout(PATIENCE)
            .expect("the detached closure never ran");
    });
    // The aborted closure was dropped without running.
    assert_eq!(
        aborted_ran.recv_timeout(PATIENCE),
        Err(RecvTimeoutError::Disconnected)
    );
}

#[test]
fn tokio_max_blocking_threads_bounds_every_call_on_the_runtimes_pool() {
    use blocking_in_async::{EXAMPLE, scenario::*};
    let s = harness::cli::settings(&EXAMPLE, &["--tasks", "10", "--unit-ms", "100"]);
    let server = start_server(&s).unwrap();
    let tl = harness::Timeline::new();
    let mut runtime = tokio_version::multi_thread();
    runtime.max_blocking_threads(3);
    let titles = tokio_version::block_on(runtime, async {
        let mut calls = Vec::new();
        for name in task_names(&s) {
            let (tl, addr) = (tl.clone(), server.addr);
            // no semaphore
            calls.push(tokio::task::spawn_blocking(move || {
                blocking_title(&tl, &name, addr)
            }));
        }
        futures::future::join_all(calls).await
    });
    for title in titles {
        unless_cancelled(title)
            .expect("nothing cancels these calls")
            .unwrap();
    }
    assert_eq!(server.stats.peak_in_flight(), 3);
    assert_eq!(waves(&tl), 4);
}

/// Set in the child processes of the tests below.
const CHILD: &str = "BLOCKING_IN_ASYNC_POOL_CHILD";

/// The `blocking` crate (smol's and async-std's pool) reads
/// `BLOCKING_MAX_THREADS` once, when its pool starts, and the pool serves the
/// whole program. So a test that needs a small pool runs itself again, as a
/// fresh process with the variable set: in the parent this runs the child,
/// checks that it passed and returns `true` (nothing more to do); in the
/// child it returns `false`.
fn ran_in_a_fresh_process(test: &str, max_threads: usize) -> bool {
    if std::env::var_os(CHILD).is_some() {
        return false;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([test, "--exact", "--nocapture"])
        .env(CHILD, "1")
        .env("BLOCKING_MAX_THREADS", max_threads.to_string())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("1 passed"), "the child ran no test: {text}");
    true
}

#[test]
fn blocking_max_threads_bounds_the_pool_of_a_fresh_process() {
    if ran_in_a_fresh_process("blocking_max_threads_bounds_the_pool_of_a_fresh_process", 3) {
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

#[test]
fn dropping_smols_unblock_task_before_a_thread_takes_it_cancels_it() {
    if ran_in_a_fresh_process(
        "dropping_smols_unblock_task_before_a_thread_takes_it_cancels_it",
        1,
    ) {
        return;
    }
    let (started_tx, started) = channel();
    let (open, gate) = channel();
    let (finished_tx, finished) = channel();
    let busy = smol::unblock(gated_work(started_tx, gate, finished_tx)); // the only thread
    started
        .recv_timeout(PATIENCE)
        .expect("the work never started");
    let (waiting, ran) = says_it_ran();
    drop(smol::unblock(waiting)); // still in the queue: cancelled
    open.send(()).unwrap();
    smol::block_on(busy);
    finished.try_recv().expect("the busy work finished");
    // The cancelled closure is dropped, without running, when the thread
    // comes to it.
    assert_eq!(
        ran.recv_timeout(PATIENCE),
        Err(RecvTimeoutError::Disconnected)
    );
}

#[test]
fn dropping_async_stds_blocking_handle_before_a_thread_takes_it_detaches_it() {
    if ran_in_a_fresh_process(
        "dropping_async_stds_blocking_handle_before_a_thread_takes_it_detaches_it",
        1,
    ) {
        return;
    }
    let (started_tx, started) = channel();
    let (open, gate) = channel();
    let (finished_tx, _finished) = channel();
    let busy = async_std::task::spawn_blocking(gated_work(started_tx, gate, finished_tx));
    started
        .recv_timeout(PATIENCE)
        .expect("the work never started");
    let (waiting, ran) = says_it_ran();
    drop(async_std::task::spawn_blocking(waiting)); // detached: it still runs
    open.send(()).unwrap();
    async_std::task::block_on(busy);
    ran.recv_timeout(PATIENCE)
        .expect("the detached closure never ran");
}
