//! Checks for `schedule_calls`. The calls are scheduled out of order on a
//! runtime with one thread, where a call that blocks holds up all others.

use event_loops_exercises::schedule_calls::{call_at, call_later, call_soon};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;
use tokio::task::JoinHandle;
use tokio::time::Instant;

const UNIT: Duration = Duration::from_millis(200);
/// How late a call may run on a busy machine.
const LATE: Duration = Duration::from_millis(100);

/// When each call is due, in units from the start.
const DUE: [(&str, u32); 4] = [("soon", 0), ("at 1", 1), ("later 2", 2), ("later 3", 3)];

struct Run {
    /// How long scheduling the four calls took.
    scheduling: Duration,
    /// The calls that had run by the time the four were scheduled.
    ran_while_scheduling: usize,
    /// Each call's name and when it ran, in the order they ran.
    ran: Vec<(&'static str, Duration)>,
}

fn run() -> Run {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let run = runtime.block_on(async {
            let start = Instant::now();
            let ran = Arc::new(Mutex::new(Vec::new()));
            let note = |name: &'static str| {
                let ran = ran.clone();
                move || ran.lock().unwrap().push((name, start.elapsed()))
            };
            // Scheduled in an order unlike the order they are due.
            let handles = vec![
                call_later(UNIT * 3, note("later 3")),
                call_at(start + UNIT, note("at 1")),
                call_soon(note("soon")),
                call_later(UNIT * 2, note("later 2")),
            ];
            let scheduling = start.elapsed();
            let ran_while_scheduling = ran.lock().unwrap().len();
            for handle in handles {
                handle.await.expect("no call panics");
            }
            let ran = ran.lock().unwrap().clone();
            Run {
                scheduling,
                ran_while_scheduling,
                ran,
            }
        });
        let _ = done.send(run);
    });
    result
        .recv_timeout(UNIT * 20)
        .expect("the calls did not all run within 4 s (or a call panicked)")
}

#[test]
fn scheduling_returns_at_once() {
    let run = run();
    assert!(
        run.scheduling < UNIT / 2,
        "scheduling four calls took {:?}: call_later and call_at must return at once and do their waiting inside the task",
        run.scheduling
    );
}

#[test]
fn nothing_runs_inside_the_call_that_schedules_it() {
    let run = run();
    assert_eq!(
        run.ran_while_scheduling, 0,
        "a call ran before the code that scheduled it went on: even `call_soon` only queues `f`, the runtime calls it at its next turn"
    );
}

/// Schedules a call, aborts its handle while the call waits, and waits
/// past its time.
fn ran_after_abort(
    schedule: impl FnOnce(Box<dyn FnOnce() + Send>) -> JoinHandle<()> + Send + 'static,
) -> bool {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let ran = Arc::new(Mutex::new(false));
        runtime.block_on(async {
            let flag = ran.clone();
            let handle = schedule(Box::new(move || *flag.lock().unwrap() = true));
            tokio::time::sleep(UNIT / 4).await; // the call is waiting now
            handle.abort();
            tokio::time::sleep(UNIT * 2).await;
        });
        drop(runtime); // waits for any thread the call may still hold
        let _ = done.send(*ran.lock().unwrap());
    });
    result
        .recv_timeout(UNIT * 20)
        .expect("the aborted call did not end within 4 s")
}

#[test]
fn a_handle_cancels_its_call() {
    let later = ran_after_abort(|f| call_later(UNIT, f));
    assert!(
        !later,
        "`call_later`'s call ran although its handle was aborted: the waiting must happen in a task the handle can stop (tokio's timers), not on a thread"
    );
    let at = ran_after_abort(|f| call_at(Instant::now() + UNIT, f));
    assert!(!at, "`call_at`'s call ran although its handle was aborted");
}

#[test]
fn calls_run_in_the_order_they_are_due() {
    let run = run();
    let order: Vec<_> = run.ran.iter().map(|(name, _)| *name).collect();
    let due: Vec<_> = DUE.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        order, due,
        "the calls must run in the order they are due, whatever the order they were scheduled in (does a task block the runtime's one thread, or does a timer fire at once?)"
    );
}

#[test]
fn each_call_runs_at_its_time() {
    let run = run();
    for (name, units) in DUE {
        let at = run.ran.iter().find(|(n, _)| *n == name).unwrap().1;
        let due = UNIT * units;
        assert!(
            at >= due,
            "`{name}` ran at {at:?}, before it was due ({due:?})"
        );
        assert!(
            at < due + LATE,
            "`{name}` ran at {at:?}, late: it was due at {due:?}"
        );
    }
}
