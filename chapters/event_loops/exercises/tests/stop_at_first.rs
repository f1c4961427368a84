//! Checks for `stop_at_first`. The jobs wait 1, 3 and 4 units, given in a
//! turned order each run, and note when they finish and when they are
//! dropped (a job dropped before its end was cancelled).

use event_loops_exercises::stop_at_first::run_until_first;
use exercise_support::random_values;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

const UNIT: Duration = Duration::from_millis(100);
const UNITS: [u32; 3] = [1, 3, 4];

/// What each job went through.
#[derive(Default)]
struct Seen {
    finished: AtomicBool,
    dropped: AtomicBool,
}

/// Sets `dropped` when the job's future is dropped, finished or not.
struct OnDrop(Arc<Seen>);

impl Drop for OnDrop {
    fn drop(&mut self) {
        self.0.dropped.store(true, Ordering::SeqCst);
    }
}

fn job(delay: Duration, seen: Arc<Seen>) -> impl Future<Output = ()> + Send + 'static {
    async move {
        let _on_drop = OnDrop(seen.clone());
        tokio::time::sleep(delay).await;
        seen.finished.store(true, Ordering::SeqCst);
    }
}

/// Runs `f` on a thread of its own; fails if it takes longer than `limit`.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(f());
    });
    result.recv_timeout(limit).unwrap_or_else(|_| {
        panic!("run_until_first did not return within {limit:?}: does it wait for a message that can never come?")
    })
}

struct Run {
    units: Vec<u32>,
    first: Option<usize>,
    returned_after: Duration,
    seen: Vec<Arc<Seen>>,
}

fn run() -> Run {
    let turn = random_values(1)[0] as usize % UNITS.len();
    let mut units = UNITS.to_vec();
    units.rotate_left(turn);
    let seen: Vec<Arc<Seen>> = units.iter().map(|_| Arc::default()).collect();
    let jobs: Vec<_> = units
        .iter()
        .zip(&seen)
        .map(|(&u, s)| job(UNIT * u, s.clone()))
        .collect();
    let started = Instant::now();
    let first = within(UNIT * 30, move || run_until_first(jobs));
    Run {
        units,
        first,
        returned_after: started.elapsed(),
        seen,
    }
}

fn shortest(units: &[u32]) -> usize {
    (0..units.len()).min_by_key(|&i| units[i]).unwrap()
}

#[test]
fn returns_the_first_job_to_finish_as_soon_as_it_does() {
    let run = run();
    assert_eq!(
        run.first,
        Some(shortest(&run.units)),
        "jobs of {:?} units",
        run.units
    );
    assert!(
        run.returned_after < UNIT * 2,
        "returned after {:?}: the first job was done after {UNIT:?}; stop then, do not wait for the others",
        run.returned_after
    );
}

#[test]
fn the_other_jobs_are_cancelled_not_left_running() {
    let run = run();
    // Longer than the slowest job: a job left running would finish by then.
    std::thread::sleep(UNIT * 5);
    let first = shortest(&run.units);
    for (i, seen) in run.seen.iter().enumerate().filter(|(i, _)| *i != first) {
        assert!(
            !seen.finished.load(Ordering::SeqCst),
            "the job of {} units finished after run_until_first returned: close the runtime, so its tasks are dropped",
            run.units[i]
        );
        assert!(
            seen.dropped.load(Ordering::SeqCst),
            "the job of {} units was never dropped: it is still waiting on a runtime that was not closed",
            run.units[i]
        );
    }
}

#[test]
fn no_jobs_means_none_at_once() {
    let first = within(UNIT * 10, || {
        run_until_first(Vec::<std::future::Ready<()>>::new())
    });
    assert_eq!(first, None);
}
