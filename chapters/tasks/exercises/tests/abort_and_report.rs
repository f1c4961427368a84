//! Checks for `abort_and_report`: tasks that have finished, tasks that are
//! waiting, and tasks that have panicked, each stopped with `stop`.

use exercise_support::random_values;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tasks_exercises::abort_and_report::{Ended, stop};
use tokio::task::JoinHandle;

/// Long enough that a task stopped in time never gets there.
const LONG_WAIT: Duration = Duration::from_secs(10);
/// How long `stop` may take: aborting takes microseconds, dropping the
/// checks' tasks 100 ms ([`OnDrop`]), the rest is room for a busy machine.
const STOP_WITHIN: Duration = Duration::from_secs(1);

/// Waits until the task has ended on its own, so the check knows its state.
async fn until_finished(handle: &JoinHandle<u32>) {
    for _ in 0..500 {
        if handle.is_finished() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the check's task did not finish within 5 s");
}

async fn stop_in_time(handle: JoinHandle<u32>) -> Ended {
    tokio::time::timeout(STOP_WITHIN, stop(handle))
        .await
        .unwrap_or_else(|_| {
            panic!("stop did not return within {STOP_WITHIN:?}: a waiting task must be asked to stop (abort), not waited for")
        })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finished_task_gives_its_value() {
    let value = random_values(1)[0];
    let handle = tokio::spawn(async move { value });
    until_finished(&handle).await;
    assert_eq!(stop_in_time(handle).await, Ended::Finished(value));
}

/// Sets its flag when the task's future is dropped, after 100 ms of
/// cleaning up. Tokio finishes dropping a cancelled task's future before
/// its handle says `Cancelled`, so a `stop` that awaits the handle always
/// sees the flag set; one that only asks for the abort returns before.
struct OnDrop(Arc<AtomicBool>);

impl Drop for OnDrop {
    fn drop(&mut self) {
        std::thread::sleep(Duration::from_millis(100));
        self.0.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_task_is_cancelled_and_really_stops() {
    let dropped = Arc::new(AtomicBool::new(false));
    let on_drop = OnDrop(dropped.clone());
    let handle = tokio::spawn(async move {
        let _on_drop = on_drop;
        tokio::time::sleep(LONG_WAIT).await;
        1
    });
    tokio::time::sleep(Duration::from_millis(50)).await; // it is waiting now
    assert_eq!(stop_in_time(handle).await, Ended::Cancelled);
    assert!(
        dropped.load(Ordering::SeqCst),
        "stop returned, but the task was not stopped: it is still waiting (a dropped tokio JoinHandle detaches its task)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_about_to_finish_is_still_stopped_now() {
    // It would finish 300 ms after `stop` is called: stopping means now.
    let handle = tokio::spawn(async {
        tokio::time::sleep(Duration::from_millis(350)).await;
        1
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        stop_in_time(handle).await,
        Ended::Cancelled,
        "the task was waiting when stop was called: abort it, do not give it time to finish"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicked_task_gives_its_own_message() {
    let n = random_values(1)[0];
    // `panic!` with arguments carries a String...
    let handle = tokio::spawn(async move {
        if n > 0 {
            panic!("job {n} failed");
        }
        n
    });
    until_finished(&handle).await;
    assert_eq!(
        stop_in_time(handle).await,
        Ended::Panicked(format!("job {n} failed")),
        "a panic is not a cancellation: report its message"
    );
    // ...and with a literal alone, a &'static str.
    let handle = tokio::spawn(async move {
        if n > 0 {
            panic!("out of disk");
        }
        n
    });
    until_finished(&handle).await;
    assert_eq!(
        stop_in_time(handle).await,
        Ended::Panicked("out of disk".into())
    );
}
