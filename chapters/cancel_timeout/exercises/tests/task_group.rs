//! Checks for `task_group`. The jobs wait 100 to 500 ms and return a value
//! drawn for the run, or fail; each notes the task it runs in, whether it
//! finished, and when its future has been dropped (after a clean-up of 30
//! or 120 ms, so a group that does not wait returns first).

use cancel_timeout_exercises::task_group::{Job, run_group};
use exercise_support::random_values;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Seen {
    finished: AtomicBool,
    dropped: AtomicBool,
    dropped_at: Mutex<Option<Instant>>,
    task: Mutex<Option<tokio::task::Id>>,
}

/// The job's clean-up, run when its future is dropped.
struct OnDrop(Arc<Seen>, Duration);

impl Drop for OnDrop {
    fn drop(&mut self) {
        std::thread::sleep(self.1); // clean-up takes a while
        *self.0.dropped_at.lock().unwrap() = Some(Instant::now());
        self.0.dropped.store(true, Ordering::SeqCst);
    }
}

fn job(ms: u64, clean_up_ms: u64, outcome: Result<u32, String>, seen: Arc<Seen>) -> Job {
    Box::pin(async move {
        *seen.task.lock().unwrap() = tokio::task::try_id();
        let _on_drop = OnDrop(seen.clone(), Duration::from_millis(clean_up_ms));
        tokio::time::sleep(Duration::from_millis(ms)).await;
        seen.finished.store(true, Ordering::SeqCst);
        outcome
    })
}

struct Run {
    returned: Result<Vec<u32>, String>,
    took: Duration,
    returned_at: Instant,
    seen: Vec<Arc<Seen>>,
    /// Whether each job had been dropped when `run_group` returned.
    dropped_on_return: Vec<bool>,
    values: Vec<u32>,
}

/// Jobs of 300, 100 (fails if `fail`), 500 and 200 ms; the last cleans up
/// for 120 ms, the others for 30.
fn run(fail: bool) -> Run {
    let values: Vec<u32> = random_values(4).iter().map(|v| v % 1000).collect();
    let error = format!("job b failed ({})", values[1]);
    let plan = [
        (300, 30, Ok(values[0])),
        (100, 30, if fail { Err(error) } else { Ok(values[1]) }),
        (500, 30, Ok(values[2])),
        (200, 120, Ok(values[3])),
    ];
    let seen: Vec<Arc<Seen>> = plan.iter().map(|_| Arc::default()).collect();
    let jobs: Vec<Job> = plan
        .into_iter()
        .zip(&seen)
        .map(|((ms, clean_up_ms, outcome), s)| job(ms, clean_up_ms, outcome, s.clone()))
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    let returned = runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(5), run_group(jobs))
            .await
            .expect("run_group did not return within 5 s")
    });
    let took = started.elapsed();
    let returned_at = Instant::now();
    let dropped_on_return = seen
        .iter()
        .map(|s| s.dropped.load(Ordering::SeqCst))
        .collect();
    // Long enough for any job left running to finish.
    std::thread::sleep(Duration::from_millis(600));
    drop(runtime);
    Run {
        returned,
        took,
        returned_at,
        seen,
        dropped_on_return,
        values,
    }
}

#[test]
fn without_errors_every_value_comes_back_in_finishing_order() {
    let run = run(false);
    let v = &run.values;
    assert_eq!(
        run.returned,
        Ok(vec![v[1], v[3], v[0], v[2]]),
        "the values, in the order the jobs finished"
    );
}

#[test]
fn the_first_error_comes_back_at_once() {
    let run = run(true);
    assert_eq!(
        run.returned,
        Err(format!("job b failed ({})", run.values[1]))
    );
    assert!(
        run.took < Duration::from_millis(450),
        "returned after {:?}: job b failed after 100 ms; cancel the others then (take results as the jobs finish, with `join_next`, not in the order they were started), and do not wait for them to finish",
        run.took
    );
}

#[test]
fn the_others_are_cancelled_and_stopped_before_the_group_returns() {
    let run = run(true);
    for (i, seen) in run.seen.iter().enumerate().filter(|(i, _)| *i != 1) {
        assert!(
            !seen.finished.load(Ordering::SeqCst),
            "job {i} finished after the error: cancel the others at the first error"
        );
        assert!(
            run.dropped_on_return[i],
            "job {i} was still running when run_group returned: wait until the cancelled tasks have stopped (no task may outlive the group)"
        );
    }
}

#[test]
fn every_job_runs_as_a_task_of_its_own() {
    let run = run(false);
    let ids: Vec<_> = run.seen.iter().map(|s| *s.task.lock().unwrap()).collect();
    assert!(
        ids.iter().all(Option::is_some),
        "a job ran outside any tokio task: spawn each job (a JoinSet's `spawn`), so they run as tasks"
    );
    let distinct: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(
        distinct.len(),
        ids.len(),
        "two jobs ran in the same task: spawn each job"
    );
}

#[test]
fn the_group_returns_as_soon_as_the_others_have_stopped() {
    let run = run(true);
    let last_stop = run
        .seen
        .iter()
        .filter_map(|s| *s.dropped_at.lock().unwrap())
        .max()
        .expect("the jobs were dropped");
    assert!(
        run.returned_at.saturating_duration_since(last_stop) < Duration::from_millis(150),
        "run_group returned {:?} after the last job had stopped: wait for the cancelled tasks to stop (`shutdown().await`), not a fixed time",
        run.returned_at.saturating_duration_since(last_stop)
    );
}

#[test]
fn a_panic_in_a_job_goes_on_with_its_own_message() {
    let seen = Arc::new(Seen::default());
    let panicking: Job = Box::pin(async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        panic!("job p has a bug");
    });
    let jobs = vec![job(300, 30, Ok(1), seen.clone()), panicking];
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let joined = runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(5), tokio::spawn(run_group(jobs)))
            .await
            .expect("run_group did not return within 5 s")
    });
    let error = joined.expect_err("a job panicked, yet run_group returned: a panic is a bug to resume (`resume_unwind`), not a result to skip");
    assert!(error.is_panic(), "run_group was cancelled, not panicked");
    let payload = error.into_panic();
    let message = payload.downcast_ref::<&str>().copied().unwrap_or_default();
    assert_eq!(message, "job p has a bug", "resume the job's own panic");
}
