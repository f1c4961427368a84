//! A pool of threads used like Python's `ThreadPoolExecutor`: results in
//! submission order or as they finish, the first to finish, and what
//! dropping a handle cancels.
//!
//! The jobs nap (a, b, c, d: 5, 1, 2, 1 units), so the order they finish in
//! depends on the pool's size, not on the machine's cores.

use harness::{Settings, Timeline};
use std::time::Duration;
use threads_processes::pools::{self, JOBS};
use threads_processes::{EXAMPLE, scenario::pool_ideal};

/// A unit long enough that a busy machine does not reorder jobs that end
/// one unit apart.
const UNIT: Duration = Duration::from_millis(100);

fn settings(args: &[&str]) -> Settings {
    harness::cli::settings(&EXAMPLE, args)
}

/// The jobs in the order the timeline saw them end.
fn finish_order(tl: &Timeline) -> Vec<String> {
    let mut done: Vec<(Duration, String)> = tl
        .tasks_with("done")
        .into_iter()
        .map(|t| (tl.time_of(&t, "done").unwrap(), t))
        .collect();
    done.sort();
    done.into_iter().map(|(_, t)| t).collect()
}

/// The most jobs that were running at one moment.
fn most_at_once(tl: &Timeline) -> usize {
    let spans: Vec<(Duration, Duration)> = tl
        .tasks_with("done")
        .iter()
        .map(|t| {
            (
                tl.time_of(t, "start").unwrap(),
                tl.time_of(t, "done").unwrap(),
            )
        })
        .collect();
    spans
        .iter()
        .map(|&(start, _)| {
            spans
                .iter()
                .filter(|&&(s, e)| s <= start && start < e)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn map_gives_results_in_submission_order_whatever_order_they_finish_in() {
    let tl = Timeline::new();
    let said = pools::map(&tl, 2, UNIT).unwrap();
    assert_eq!(said, "done at once: 0; in order: a b c d");
    assert_eq!(finish_order(&tl), ["b", "c", "d", "a"], "{:?}", tl.events());
    // Two threads: never more than two jobs at once, and two at the start.
    assert_eq!(most_at_once(&tl), 2, "{:?}", tl.events());
}

#[test]
fn as_completed_gives_each_result_when_its_job_finishes() {
    let tl = Timeline::new();
    assert_eq!(
        pools::as_completed(&tl, 2, UNIT).unwrap(),
        "as they finished: b c d a"
    );
    // On one thread the jobs run one after another, in submission order.
    let tl = Timeline::new();
    assert_eq!(
        pools::as_completed(&tl, 1, UNIT / 2).unwrap(),
        "as they finished: a b c d"
    );
    assert_eq!(most_at_once(&tl), 1);
}

#[test]
fn the_first_to_finish_leaves_the_others_pending_and_they_still_run() {
    let tl = Timeline::new();
    assert_eq!(
        pools::first_completed(&tl, 2, UNIT).unwrap(),
        "first: b, with 3 pending then"
    );
    assert_eq!(finish_order(&tl), ["b", "c", "d", "a"], "{:?}", tl.events());
}

#[test]
fn dropping_a_handle_cancels_a_queued_job_but_not_a_running_one() {
    let tl = Timeline::new();
    assert_eq!(
        pools::cancel(&tl, 2, UNIT).unwrap(),
        "dropped: a ran, d never ran"
    );
    // a ran to its end although its handle was dropped after 1 unit.
    let (start, end) = (
        tl.time_of("a", "start").unwrap(),
        tl.time_of("a", "done").unwrap(),
    );
    assert!(end - start >= UNIT * JOBS[0].1, "{:?}", tl.events());
    assert_eq!(tl.time_of("d", "start"), None, "{:?}", tl.events());
    // With a thread per job nothing is queued: d is running, or done, when
    // its handle is dropped, and the summary says so.
    let tl = Timeline::new();
    assert_eq!(
        pools::cancel(&tl, 4, UNIT).unwrap(),
        "dropped: a ran, d ran"
    );
}

#[test]
fn shutdown_waits_for_the_queued_jobs_to_finish() {
    let tl = Timeline::new();
    let (pool, stopped) = pools::pool_with_shutdown(1).unwrap();
    for (name, units) in JOBS {
        // Submitted and forgotten: `forget` lets a job run with no handle.
        pools::submit(&pool, &tl, name, UNIT / 4 * units).forget();
    }
    pools::shutdown(pool, stopped);
    assert_eq!(finish_order(&tl), ["a", "b", "c", "d"], "{:?}", tl.events());
}

#[test]
fn the_ideal_time_hands_each_job_to_the_first_free_worker() {
    let ideal = |workers: &str| pool_ideal(&settings(&["--workers", workers, "--unit-ms", "20"]));
    assert_eq!(ideal("1"), Duration::from_millis(180));
    assert_eq!(ideal("2"), Duration::from_millis(100));
    assert_eq!(ideal("4"), Duration::from_millis(100));
}
