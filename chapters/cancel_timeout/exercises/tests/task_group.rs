//! Checks for `task_group`. The jobs wait 100 to 400 ms and return a value
//! drawn for the run, or fail; each notes when its future is dropped (after
//! 30 ms of clean-up, so a group that does not wait returns first) and
//! whether it finished.

use cancel_timeout_exercises::task_group::{Job, run_group};
use exercise_support::random_values;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Seen {
    finished: AtomicBool,
    dropped: AtomicBool,
}

struct OnDrop(Arc<Seen>);

impl Drop for OnDrop {
    fn drop(&mut self) {
        std::thread::sleep(Duration::from_millis(30)); // clean-up takes a while
        self.0.dropped.store(true, Ordering::SeqCst);
    }
}

fn job(ms: u64, outcome: Result<u32, String>, seen: Arc<Seen>) -> Job {
    Box::pin(async move {
        let _on_drop = OnDrop(seen.clone());
        tokio::time::sleep(Duration::from_millis(ms)).await;
        seen.finished.store(true, Ordering::SeqCst);
        outcome
    })
}

struct Run {
    returned: Result<Vec<u32>, String>,
    took: Duration,
    seen: Vec<Arc<Seen>>,
    /// Whether each job had been dropped when `run_group` returned.
    dropped_on_return: Vec<bool>,
    values: Vec<u32>,
}

/// Jobs of 300, 100 (fails if `fail`), 400 and 200 ms.
fn run(fail: bool) -> Run {
    let values: Vec<u32> = random_values(4).iter().map(|v| v % 1000).collect();
    let error = format!("job b failed ({})", values[1]);
    let plan = [
        (300, Ok(values[0])),
        (100, if fail { Err(error) } else { Ok(values[1]) }),
        (400, Ok(values[2])),
        (200, Ok(values[3])),
    ];
    let seen: Vec<Arc<Seen>> = plan.iter().map(|_| Arc::default()).collect();
    let jobs: Vec<Job> = plan
        .into_iter()
        .zip(&seen)
        .map(|((ms, outcome), s)| job(ms, outcome, s.clone()))
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
    let dropped_on_return = seen
        .iter()
        .map(|s| s.dropped.load(Ordering::SeqCst))
        .collect();
    // Long enough for any job left running to finish.
    std::thread::sleep(Duration::from_millis(500));
    drop(runtime);
    Run {
        returned,
        took,
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
        run.took < Duration::from_millis(300),
        "returned after {:?}: job b failed after 100 ms; cancel the others then, do not wait for them to finish",
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
