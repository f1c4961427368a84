//! A semaphore bounds a group of offloaded calls only if each permit goes
//! into its closure. A caller can stop waiting (its future dropped, its task
//! cancelled) while its closure runs on, because nothing can stop the
//! closure; a permit held by the caller would then be given back early, and
//! one call more than the bound would run.
//!
//! The closures wait for gates that the test opens only after it has
//! cancelled a caller and looked at the semaphore, so nothing here depends
//! on timing.

use blocking_in_async::{async_std_version, smol_version, tokio_version};
use harness::unless_cancelled;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(20);

/// How many gated closures run at this moment, and the most there ever were.
#[derive(Default)]
struct Probe {
    running: AtomicUsize,
    peak: AtomicUsize,
}

impl Probe {
    fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }
}

/// One blocking call: it says when it has started, waits until its gate
/// opens, and says when it has finished.
struct Call {
    started: Receiver<()>,
    open: Sender<()>,
    finished: Receiver<()>,
    work: Mutex<Option<Box<dyn FnOnce() + Send>>>,
}

impl Call {
    fn new(probe: &Arc<Probe>) -> Call {
        let (started_tx, started) = channel();
        let (open, gate) = channel::<()>();
        let (finished_tx, finished) = channel();
        let probe = probe.clone();
        let work = move || {
            let now = probe.running.fetch_add(1, Ordering::SeqCst) + 1;
            probe.peak.fetch_max(now, Ordering::SeqCst);
            started_tx.send(()).unwrap();
            gate.recv().unwrap();
            probe.running.fetch_sub(1, Ordering::SeqCst);
            finished_tx.send(()).unwrap();
        };
        Call {
            started,
            open,
            finished,
            work: Mutex::new(Some(Box::new(work))),
        }
    }

    /// The closure to hand to the pool (once).
    fn work(&self) -> Box<dyn FnOnce() + Send> {
        self.work.lock().unwrap().take().expect("handed out once")
    }

    fn wait_started(&self) {
        self.started
            .recv_timeout(PATIENCE)
            .expect("the call never started");
    }

    fn open(&self) {
        self.open.send(()).unwrap();
    }

    fn wait_finished(&self) {
        self.finished
            .recv_timeout(PATIENCE)
            .expect("the call never finished");
    }
}

/// The pool has two permits; calls `a` and `b` hold them and wait at their
/// gates; `cancel_a` stops `a`'s caller from waiting. `a`'s closure still
/// runs, so `permits_left()` must still be 0 and a third call `c` must wait
/// for `a` or `b` to finish. `run_c` hands `c` to the pool and waits for it.
fn a_cancelled_caller_keeps_its_permit(
    spawn: impl Fn(Box<dyn FnOnce() + Send>),
    cancel_a: impl FnOnce(),
    permits_left: impl Fn() -> usize,
    run_c: impl FnOnce(Box<dyn FnOnce() + Send>),
) {
    let probe = Arc::new(Probe::default());
    let (a, b, c) = (Call::new(&probe), Call::new(&probe), Call::new(&probe));
    spawn(a.work());
    spawn(b.work());
    a.wait_started();
    b.wait_started();
    cancel_a();
    assert_eq!(
        permits_left(),
        0,
        "the cancelled caller gave its permit back while its closure still runs"
    );
    c.open(); // c does not wait at its gate: it only counts
    a.open();
    b.open();
    run_c(c.work());
    a.wait_finished();
    b.wait_finished();
    c.wait_finished();
    assert_eq!(
        probe.peak(),
        2,
        "more calls ran at once than the pool has permits"
    );
}

#[test]
fn tokio_a_cancelled_caller_keeps_its_permit_until_the_closure_returns() {
    let runtime = tokio_version::multi_thread().build().unwrap();
    let pool = Arc::new(tokio::sync::Semaphore::new(2));
    let callers = Mutex::new(Vec::new());
    a_cancelled_caller_keeps_its_permit(
        |work| {
            let call = tokio_version::spawn_blocking_within(pool.clone(), work);
            callers.lock().unwrap().push(runtime.spawn(call));
        },
        || {
            let a = callers.lock().unwrap().remove(0);
            a.abort();
            let result = runtime.block_on(a);
            assert!(
                unless_cancelled(result).is_none(),
                "a's caller was not cancelled"
            );
        },
        || pool.available_permits(),
        |work| runtime.block_on(tokio_version::spawn_blocking_within(pool.clone(), work)),
    );
}

#[test]
fn smol_a_cancelled_caller_keeps_its_permit_until_the_closure_returns() {
    let pool = Arc::new(smol::lock::Semaphore::new(2));
    let callers = Mutex::new(Vec::new());
    a_cancelled_caller_keeps_its_permit(
        |work| {
            let call = smol_version::unblock_within(pool.clone(), work);
            callers.lock().unwrap().push(smol::spawn(call));
        },
        || {
            let a = callers.lock().unwrap().remove(0);
            // Waits until the caller's future is dropped.
            assert!(
                smol::block_on(a.cancel()).is_none(),
                "a's caller had finished"
            );
        },
        || pool.available_permits(),
        |work| smol::block_on(smol_version::unblock_within(pool.clone(), work)),
    );
}

#[test]
fn async_std_a_cancelled_caller_keeps_its_permit_until_the_closure_returns() {
    let pool = Arc::new(async_lock::Semaphore::new(2));
    let callers = Mutex::new(Vec::new());
    a_cancelled_caller_keeps_its_permit(
        |work| {
            let call = async_std_version::spawn_blocking_within(pool.clone(), work);
            callers.lock().unwrap().push(async_std::task::spawn(call));
        },
        || {
            let a = callers.lock().unwrap().remove(0);
            // Waits until the caller's future is dropped.
            let result = async_std::task::block_on(a.cancel());
            assert!(result.is_none(), "a's caller had finished");
        },
        || pool.available_permits(),
        |work| {
            async_std::task::block_on(async_std_version::spawn_blocking_within(pool.clone(), work))
        },
    );
}
