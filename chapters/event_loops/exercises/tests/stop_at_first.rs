//! Checks for `stop_at_first`. The jobs wait 1, 3 and 4 units, given in
//! each of three orders (so the first to finish is each of the three
//! places), and note when they finish and when they are dropped (a job
//! dropped before its end was cancelled).

use event_loops_exercises::stop_at_first::run_until_first;
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
    /// Which jobs had been dropped when `run_until_first` returned.
    dropped_on_return: Vec<bool>,
}

fn run_units(units: Vec<u32>) -> Run {
    let seen: Vec<Arc<Seen>> = units.iter().map(|_| Arc::default()).collect();
    let jobs: Vec<_> = units
        .iter()
        .zip(&seen)
        .map(|(&u, s)| job(UNIT * u, s.clone()))
        .collect();
    let started = Instant::now();
    let first = within(UNIT * 60, move || run_until_first(jobs));
    let returned_after = started.elapsed();
    let dropped_on_return = seen
        .iter()
        .map(|s| s.dropped.load(Ordering::SeqCst))
        .collect();
    Run {
        units,
        first,
        returned_after,
        seen,
        dropped_on_return,
    }
}

/// One run for each place the shortest job can have.
fn runs() -> Vec<Run> {
    (0..UNITS.len())
        .map(|turn| {
            let mut units = UNITS.to_vec();
            units.rotate_left(turn);
            run_units(units)
        })
        .collect()
}

#[test]
fn returns_the_first_job_to_finish_as_soon_as_it_does() {
    for run in runs() {
        assert_eq!(
            run.first,
            Some(shortest(&run.units)),
            "jobs of {:?} units: return the index (in `jobs`) of the job that finished first",
            run.units
        );
        assert!(
            run.returned_after < UNIT * 2,
            "returned after {:?}: the first job was done after {UNIT:?}; stop then, do not wait for the others",
            run.returned_after
        );
    }
}

#[test]
fn a_slow_first_job_is_waited_for() {
    // The first job takes 12 units (1.2 s): no fixed timeout is long enough.
    let run = run_units(vec![15, 12]);
    assert_eq!(
        run.first,
        Some(1),
        "the first job finished after 1.2 s: wait for it, however long it takes"
    );
}

#[test]
fn the_other_jobs_are_cancelled_not_left_running() {
    for run in runs() {
        let first = shortest(&run.units);
        for (i, seen) in run.seen.iter().enumerate().filter(|(i, _)| *i != first) {
            assert!(
                run.dropped_on_return[i],
                "the job of {} units had not been dropped when run_until_first returned: close the runtime (drop it) before returning, so its tasks are dropped",
                run.units[i]
            );
            assert!(!seen.finished.load(Ordering::SeqCst), "a job finished");
        }
    }
    // Longer than the slowest job: a job left running would finish by then.
    let run = run_units(UNITS.to_vec());
    std::thread::sleep(UNIT * 5);
    let first = shortest(&run.units);
    for (i, seen) in run.seen.iter().enumerate().filter(|(i, _)| *i != first) {
        assert!(
            !seen.finished.load(Ordering::SeqCst),
            "the job of {} units finished after run_until_first returned: close the runtime, so its tasks are dropped",
            run.units[i]
        );
    }
}

#[test]
fn no_jobs_means_none_at_once() {
    let started = Instant::now();
    let first = within(UNIT * 10, || {
        run_until_first(Vec::<std::future::Ready<()>>::new())
    });
    assert_eq!(first, None);
    assert!(
        started.elapsed() < UNIT * 3,
        "with no jobs it took {:?}: there is nothing to wait for (no sender is left once the jobs' are gone)",
        started.elapsed()
    );
}

fn shortest(units: &[u32]) -> usize {
    (0..units.len()).min_by_key(|&i| units[i]).unwrap()
}
