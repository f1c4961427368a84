//! Checks for `admit_or_reject`. Ten requests arrive at once, each a task
//! on tokio's current-thread runtime (so the checks do not depend on the
//! machine's cores); each takes 100 ms, returns a value drawn for the run,
//! and counts how many run at once. Then, after they are done, a request
//! that panics, and one more that must still find a place.

use exercise_support::{Runtime, block_on_within, random_values};
use semaphores_exercises::admit_or_reject::{Answer, Gate, LIMIT, Request, admit};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const ARRIVE: usize = 10;
const TAKES: Duration = Duration::from_millis(100);

#[derive(Default)]
struct Running {
    now: AtomicUsize,
    most: AtomicUsize,
}

fn request(value: u32, running: Arc<Running>) -> Request {
    Box::pin(async move {
        let now = running.now.fetch_add(1, Ordering::SeqCst) + 1;
        running.most.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(TAKES).await;
        running.now.fetch_sub(1, Ordering::SeqCst);
        value
    })
}

struct Run {
    values: Vec<u32>,
    answers: Vec<(Answer, Duration)>,
    most_at_once: usize,
    after_a_panic: Vec<Answer>,
    later_value: u32,
}

fn run() -> Run {
    let values = random_values(ARRIVE + 1);
    let running = Arc::new(Running::default());
    let (v, r) = (values.clone(), running.clone());
    let outcome = block_on_within(
        Runtime::Tokio,
        async move {
            let gate = Arc::new(Gate::new(LIMIT));
            let started = Instant::now();
            let tasks: Vec<_> = (0..ARRIVE)
                .map(|i| {
                    let (gate, request) = (gate.clone(), request(v[i], r.clone()));
                    tokio::spawn(async move {
                        let answer = admit(&gate, request).await;
                        (answer, started.elapsed())
                    })
                })
                .collect();
            let mut answers = Vec::new();
            for task in tasks {
                answers.push(
                    task.await
                        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic())),
                );
            }
            // A request that panics, then one that must still get in.
            let panics: Request = Box::pin(async { panic!("a request with a bug") });
            let crashed = tokio::spawn({
                let gate = gate.clone();
                async move { admit(&gate, panics).await }
            });
            let _ = crashed.await; // its panic, caught by the task
            // Then LIMIT requests at once: every place must be free again.
            let again: Vec<_> = (0..LIMIT)
                .map(|_| {
                    let (gate, request) = (gate.clone(), request(v[ARRIVE], r.clone()));
                    tokio::spawn(async move { admit(&gate, request).await })
                })
                .collect();
            let mut after_a_panic = Vec::new();
            for task in again {
                after_a_panic.push(
                    task.await
                        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic())),
                );
            }
            (answers, after_a_panic)
        },
        Duration::from_secs(5),
    );
    let (answers, after_a_panic) = outcome.unwrap_or_else(|e| {
        panic!("the requests: {e}: does a request wait for a place that never frees up?")
    });
    Run {
        later_value: values[ARRIVE],
        values,
        answers,
        most_at_once: running.most.load(Ordering::SeqCst),
        after_a_panic,
    }
}

#[test]
fn at_most_limit_requests_are_handled_at_once() {
    let run = run();
    assert!(
        run.most_at_once <= LIMIT,
        "{} requests were handled at once, where at most {LIMIT} may be: keep the permit until the request is done (`let _ = ...` drops it at once; bind it to a name)",
        run.most_at_once
    );
}

#[test]
fn the_first_limit_are_handled_and_the_rest_turned_away_at_once() {
    let run = run();
    let done: Vec<u32> = run
        .answers
        .iter()
        .filter_map(|(a, _)| match a {
            Answer::Done(v) => Some(*v),
            Answer::Busy => None,
        })
        .collect();
    assert_eq!(
        done,
        run.values[..LIMIT],
        "of {ARRIVE} requests arriving at once, the first {LIMIT} are handled (with their own values) and the rest are `Busy`"
    );
    for (answer, at) in &run.answers {
        if *answer == Answer::Busy {
            assert!(
                *at < Duration::from_millis(50),
                "a request was turned away after {at:?}: answer `Busy` at once, without waiting for a place"
            );
        }
    }
}

#[test]
fn a_panicking_request_gives_its_place_back() {
    let run = run();
    let all_in: Vec<Answer> = (0..LIMIT).map(|_| Answer::Done(run.later_value)).collect();
    assert_eq!(
        run.after_a_panic, all_in,
        "after every request was done (one of them by panicking), {LIMIT} new requests at once were not all handled: a place was never given back. A permit is given back when it is dropped, even during a panic; a count kept by hand is not, unless you make it so"
    );
}
