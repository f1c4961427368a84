//! Checks for `start_signal`, on tokio's current-thread runtime (so the
//! checks do not depend on the machine's cores). Five workers wait, and
//! the signal fires 655 ms later; workers that come after it fired, with
//! and without a worker waiting before; each wait's polls are counted, and
//! every wait is cut at 1 s, so a worker that would wait forever fails
//! the check instead of hanging it.

use events_exercises::start_signal::StartSignal;
use exercise_support::{
    RUNTIME_THREAD, Runtime, TOKIO_BLOCKING_THREAD, block_on_within, count_polls,
};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::time::{sleep, timeout};

const WORKERS: usize = 5;
/// Long enough that a wait that looks on a timer is polled more than 3
/// times, and not a round number, so that no timer lines up with it.
const FIRE_AT: Duration = Duration::from_millis(655);
/// How soon after the signal fires a worker must go (a busy machine
/// delays a wake-up by a few milliseconds).
const GOES_WITHIN: Duration = Duration::from_millis(20);
/// The longest a wait is given before it counts as waiting forever.
const LIMIT: Duration = Duration::from_secs(1);

/// When a worker went, and how often its wait was polled; `None`: it was
/// still waiting after `LIMIT`.
type Went = Option<(Instant, u32)>;

async fn worker(signal: Arc<StartSignal>) -> Went {
    let waited = timeout(LIMIT, count_polls(signal.wait())).await.ok()?;
    Some((Instant::now(), waited.polls))
}

/// How many threads the check's runtime and the code under test have
/// now (Linux: read from /proc; elsewhere 0, and the check that uses it
/// passes). A new thread takes its name from the thread that started it,
/// so a thread the code starts from a task is named like the runtime's
/// thread, or like tokio's blocking pool if started from there; the test
/// harness's own threads, one per check, are named after the checks. The
/// checks run one at a time (see `run`), so threads that appear while
/// tasks wait are the code's: a wait on `spawn_blocking` or on a thread of
/// its own.
fn process_threads() -> usize {
    // Linux keeps 15 bytes of a thread's name.
    let ours = |name: &str| {
        let name = name.trim();
        RUNTIME_THREAD.starts_with(name) || TOKIO_BLOCKING_THREAD.starts_with(name)
    };
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0;
    };
    tasks
        .flatten()
        .filter(|t| std::fs::read_to_string(t.path().join("comm")).is_ok_and(|n| ours(&n)))
        .count()
}

/// The checks run one at a time, so that `process_threads` counts only
/// the threads of the check that is running.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn run<T: Send + 'static>(what: &str, test: impl Future<Output = T> + Send + 'static) -> T {
    let _alone = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    block_on_within(Runtime::Tokio, test, Duration::from_secs(5))
        .unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// Five workers wait; the signal fires at `FIRE_AT`. Also how many more
/// threads the process had just before it fired than before they came.
fn early_workers() -> (Instant, Vec<Went>, usize) {
    run("five workers waiting", async {
        let threads_before = process_threads();
        let signal = Arc::new(StartSignal::new());
        let workers: Vec<_> = (0..WORKERS)
            .map(|_| tokio::spawn(worker(signal.clone())))
            .collect();
        sleep(FIRE_AT).await;
        let extra_threads = process_threads().saturating_sub(threads_before);
        let fired = Instant::now();
        signal.fire();
        let mut went = Vec::new();
        for w in workers {
            went.push(w.await.expect("a worker panicked"));
        }
        (fired, went, extra_threads)
    })
}

#[test]
fn every_worker_waiting_goes_when_it_fires() {
    let (fired, went, _) = early_workers();
    let stuck = went.iter().filter(|w| w.is_none()).count();
    assert_eq!(
        stuck, 0,
        "{stuck} of {WORKERS} workers waiting never went (still waiting {LIMIT:?} after the signal fired): `fire` must wake every worker waiting, not one (`notify_one`), and must wake them, not only set a flag"
    );
    for (at, _) in went.iter().flatten() {
        assert!(
            *at >= fired,
            "a worker went {:?} before the signal fired",
            fired - *at
        );
        assert!(
            *at - fired <= GOES_WITHIN,
            "a worker went {:?} after the signal fired: wake the workers when it fires, do not look at a flag now and then",
            *at - fired
        );
    }
}

#[test]
fn a_worker_waits_without_polling_or_holding_a_thread() {
    let (_, went, extra_threads) = early_workers();
    for (_, polls) in went.iter().flatten() {
        assert!(
            *polls <= 3,
            "a worker's wait was polled {polls} times in {FIRE_AT:?}: it should sleep until the signal wakes it (once at the start, once when woken), not look at a flag on a timer or in a loop"
        );
    }
    assert_eq!(
        extra_threads, 0,
        "while {WORKERS} workers waited, the process had {extra_threads} more threads than before: a waiting task should hold no thread (a `Condvar` wait on `spawn_blocking` or on a thread of its own holds one per worker)"
    );
}

/// The signal fires; then, `early` workers having waited before it, three
/// more workers wait. How long each of the three waited.
fn late_workers(early: bool) -> Vec<Option<Duration>> {
    run("workers after the signal", async move {
        let signal = Arc::new(StartSignal::new());
        let before = early.then(|| tokio::spawn(worker(signal.clone())));
        sleep(Duration::from_millis(20)).await;
        signal.fire();
        if let Some(before) = before {
            before.await.expect("a worker panicked");
        }
        sleep(Duration::from_millis(20)).await;
        let mut waited = Vec::new();
        for _ in 0..3 {
            let asked = Instant::now();
            let went = worker(signal.clone()).await;
            waited.push(went.map(|(at, _)| at - asked));
        }
        waited
    })
}

fn check_late(waited: &[Option<Duration>], when: &str) {
    for w in waited {
        match w {
            None => panic!(
                "{when}, a worker that waited after the signal fired was still waiting {LIMIT:?} later: the signal must remember that it fired (`Notify::notify_waiters` forgets; `watch`'s `changed()` waits for another change; `send` keeps nothing while nobody is subscribed)"
            ),
            Some(w) => assert!(
                *w <= GOES_WITHIN,
                "{when}, a worker that waited after the signal fired waited {w:?}: it should go at once"
            ),
        }
    }
}

#[test]
fn a_worker_that_comes_after_it_fired_goes_at_once() {
    check_late(&late_workers(true), "with a worker waiting before it fired");
}

#[test]
fn it_fires_for_later_workers_even_if_nobody_waited_before() {
    check_late(&late_workers(false), "with nobody waiting before it fired");
}
