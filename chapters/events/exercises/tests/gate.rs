//! Checks for `gate`, on tokio's current-thread runtime (so the checks do
//! not depend on the machine's cores). Five tasks wait at a closed gate,
//! which is closed again, then opened; tasks come to an open gate and to
//! a gate closed again. Each wait's polls are counted, and every wait is
//! cut at 1 s (or at the check's own deadline), so a task that would wait
//! forever fails the check instead of hanging it.

use events_exercises::gate::Gate;
use exercise_support::{
    RUNTIME_THREAD, Runtime, TOKIO_BLOCKING_THREAD, block_on_within, count_polls,
};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::time::{sleep, timeout};

const TASKS: usize = 5;
/// How soon after the gate opens a task must pass (a busy machine delays
/// a wake-up by a few milliseconds).
const PASSES_WITHIN: Duration = Duration::from_millis(20);
const LIMIT: Duration = Duration::from_secs(1);

/// When a task passed, and how often its wait was polled; `None`: it was
/// still waiting after `LIMIT`.
type Passed = Option<(Instant, u32)>;

async fn task(gate: Arc<Gate>) -> Passed {
    let waited = timeout(LIMIT, count_polls(gate.pass())).await.ok()?;
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

struct Held {
    closed_at_first: bool,
    pool_threads: usize,
    passed_while_closed: usize,
    opened: Instant,
    passed: Vec<Passed>,
}

/// Five tasks at a closed gate; at 100 ms it is closed again; at 655 ms
/// it opens.
fn held_at_a_closed_gate() -> Held {
    run("five tasks at a closed gate", async {
        let threads_before = process_threads();
        let gate = Arc::new(Gate::new());
        let closed_at_first = !gate.is_open();
        let tasks: Vec<_> = (0..TASKS)
            .map(|_| tokio::spawn(task(gate.clone())))
            .collect();
        sleep(Duration::from_millis(100)).await;
        gate.close(); // closed already: nobody passes
        // Long enough that a wait that looks on a timer is polled more than
        // 4 times, and not a round number, so that no timer lines up.
        sleep(Duration::from_millis(555)).await;
        let passed_while_closed = tasks.iter().filter(|t| t.is_finished()).count();
        let pool_threads = process_threads().saturating_sub(threads_before);
        let opened = Instant::now();
        gate.open();
        let mut passed = Vec::new();
        for t in tasks {
            passed.push(t.await.expect("a task panicked"));
        }
        Held {
            closed_at_first,
            pool_threads,
            passed_while_closed,
            opened,
            passed,
        }
    })
}

#[test]
fn a_closed_gate_holds_every_task_until_it_opens() {
    let held = held_at_a_closed_gate();
    assert!(
        held.closed_at_first,
        "`Gate::new()` must make a closed gate"
    );
    assert_eq!(
        held.passed_while_closed, 0,
        "{} tasks passed a closed gate when it was closed again: a task woken by any change must look whether the gate is open before it passes",
        held.passed_while_closed
    );
    let stuck = held.passed.iter().filter(|p| p.is_none()).count();
    assert_eq!(
        stuck, 0,
        "{stuck} of {TASKS} tasks waiting never passed (still waiting {LIMIT:?} after the gate opened): `open` must wake every task waiting, not one (`notify_one`), and must wake them, not only set a flag"
    );
    for (at, _) in held.passed.iter().flatten() {
        assert!(
            *at - held.opened <= PASSES_WITHIN,
            "a task passed {:?} after the gate opened: wake the tasks when it opens, do not look at a flag now and then",
            *at - held.opened
        );
    }
}

#[test]
fn a_task_waits_without_polling_or_holding_a_thread() {
    let held = held_at_a_closed_gate();
    for (_, polls) in held.passed.iter().flatten() {
        assert!(
            *polls <= 4,
            "a task's wait was polled {polls} times in 655 ms: it should sleep until the gate wakes it, not look at a flag on a timer or in a loop"
        );
    }
    assert_eq!(
        held.pool_threads, 0,
        "while {TASKS} tasks waited at the gate, the process had {} more threads than before: a waiting task should hold no thread (a `Condvar` wait on `spawn_blocking` or on a thread of its own holds one per task)",
        held.pool_threads
    );
}

/// How long a task took to pass, or `None` if it had not passed when the
/// gate was next opened (`reopen_after` later), or at all.
struct Visits {
    open_gate: Option<Duration>,
    is_open: bool,
    closed_again: bool,
    passed_closed_gate_early: bool,
    after_reopen: Option<Duration>,
    open_again: Option<Duration>,
}

fn visits() -> Visits {
    run("tasks at an open, then closed, gate", async {
        let gate = Arc::new(Gate::new());
        gate.open();
        let is_open = gate.is_open();
        let asked = Instant::now();
        let open_gate = task(gate.clone()).await.map(|(at, _)| at - asked);
        gate.close();
        let closed_again = !gate.is_open();
        let waiting = tokio::spawn(task(gate.clone()));
        sleep(Duration::from_millis(100)).await;
        let passed_closed_gate_early = waiting.is_finished();
        let reopened = Instant::now();
        gate.open();
        let after_reopen = waiting
            .await
            .expect("a task panicked")
            .map(|(at, _)| at - reopened);
        let asked = Instant::now();
        let open_again = task(gate.clone()).await.map(|(at, _)| at - asked);
        Visits {
            open_gate,
            is_open,
            closed_again,
            passed_closed_gate_early,
            after_reopen,
            open_again,
        }
    })
}

#[test]
fn an_open_gate_lets_a_task_through_at_once() {
    let v = visits();
    assert!(
        v.is_open,
        "after `open`, `is_open` must say true (a `watch` channel's `send` keeps nothing while no receiver exists; `send_replace` does)"
    );
    for (passed, when) in [
        (v.open_gate, "the first time"),
        (v.open_again, "after it was closed and opened again"),
    ] {
        match passed {
            None => panic!(
                "a task that came to an open gate ({when}) was still waiting {LIMIT:?} later: the gate must remember that it is open (`Notify::notify_waiters` wakes only the tasks waiting at that moment)"
            ),
            Some(took) => assert!(
                took <= PASSES_WITHIN,
                "a task that came to an open gate ({when}) took {took:?} to pass: it should pass at once"
            ),
        }
    }
}

#[test]
fn a_gate_closed_again_holds_tasks_until_it_reopens() {
    let v = visits();
    assert!(v.closed_again, "after `close`, `is_open` must say false");
    assert!(
        !v.passed_closed_gate_early,
        "a task passed a gate that had been closed again: `close` must make the tasks that come after it wait"
    );
    match v.after_reopen {
        None => panic!(
            "a task waiting at the closed gate was still waiting {LIMIT:?} after it reopened"
        ),
        Some(took) => assert!(
            took <= PASSES_WITHIN,
            "a task waiting at the closed gate passed {took:?} after it reopened: it should go at once"
        ),
    }
}

/// The gate opens and closes again at once, before the waiting tasks get
/// to run: when they do, it is closed, and they must keep waiting.
/// (Python's `Event.wait()` would let them through: it returns once woken.
/// The chapter's events look again.)
#[test]
fn a_gate_opened_and_closed_at_once_lets_nobody_through() {
    let (passed_in_the_pulse, passed_later) = run("the gate opened and closed at once", async {
        let gate = Arc::new(Gate::new());
        let tasks: Vec<_> = (0..TASKS)
            .map(|_| tokio::spawn(task(gate.clone())))
            .collect();
        sleep(Duration::from_millis(50)).await; // all waiting
        gate.open();
        gate.close(); // no `.await` in between: nobody has run yet
        sleep(Duration::from_millis(50)).await;
        let passed_in_the_pulse = tasks.iter().filter(|t| t.is_finished()).count();
        gate.open();
        let mut passed_later = 0;
        for t in tasks {
            if t.await.expect("a task panicked").is_some() {
                passed_later += 1;
            }
        }
        (passed_in_the_pulse, passed_later)
    });
    assert_eq!(
        passed_in_the_pulse, 0,
        "{passed_in_the_pulse} of {TASKS} tasks passed a gate that was open for no time at all: a task woken by `open` must look again, and find it closed"
    );
    assert_eq!(
        passed_later, TASKS,
        "every task passes once the gate stays open"
    );
}
