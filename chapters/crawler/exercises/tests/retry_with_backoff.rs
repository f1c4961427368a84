//! Checks for `fetch_with_retries`, on tokio's current-thread runtime,
//! within a time limit (a try that hangs without a timeout fails the check
//! instead of hanging it). Each check scripts what the tries give (a body
//! drawn for the run, a status, a reset, or no answer ever) and records
//! when each try starts.

use crawler_exercises::retry_with_backoff::{Error, Fault, Policy, fetch_with_retries};
use exercise_support::{Runtime, block_on_within, random_values, random_word};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Clone, Copy)]
enum Try {
    Body,
    Status(u16),
    Reset,
    Hang,
}

const POLICY: Policy = Policy {
    attempts: 4,
    timeout: Duration::from_millis(150),
    first_backoff: Duration::from_millis(60),
};

struct Ran {
    result: Result<String, Error>,
    body: String,
    starts: Vec<Duration>,
}

/// Runs `fetch_with_retries` over tries that give `script` (the last one
/// again once it runs out).
fn run(script: &[Try], limit: Duration) -> Ran {
    let body = format!("{} {}", random_values(1)[0], random_word());
    let starts = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let attempt = {
        let (script, body, starts) = (script.to_vec(), body.clone(), starts.clone());
        move || {
            let mut starts_now = starts.lock().unwrap();
            let n = starts_now.len();
            starts_now.push(started.elapsed());
            let this = script[n.min(script.len() - 1)];
            let body = body.clone();
            async move {
                tokio::time::sleep(Duration::from_millis(5)).await;
                match this {
                    Try::Body => Ok(body),
                    Try::Status(status) => Err(Fault::Status(status)),
                    Try::Reset => Err(Fault::Reset),
                    Try::Hang => std::future::pending().await,
                }
            }
        }
    };
    let result = block_on_within(Runtime::Tokio, fetch_with_retries(attempt, POLICY), limit)
        .unwrap_or_else(|e| {
            panic!(
                "{e}: give each try at most policy.timeout (tokio::time::timeout), and stop after \
             policy.attempts tries"
            )
        });
    let starts = starts.lock().unwrap().clone();
    Ran {
        result,
        body,
        starts,
    }
}

fn gaps(starts: &[Duration]) -> Vec<Duration> {
    starts.windows(2).map(|w| w[1] - w[0]).collect()
}

#[test]
fn transient_faults_are_retried_with_growing_waits() {
    let ran = run(
        &[Try::Status(500), Try::Reset, Try::Status(503), Try::Body],
        Duration::from_secs(5),
    );
    assert_eq!(
        ran.result,
        Ok(ran.body.clone()),
        "a 5xx or a reset is worth another try"
    );
    assert_eq!(
        ran.starts.len(),
        4,
        "the fourth try gives the page: {:?}",
        ran.starts
    );
    let gaps = gaps(&ran.starts);
    assert!(
        gaps[0] >= POLICY.first_backoff,
        "wait policy.first_backoff before the second try, not {:?}",
        gaps[0]
    );
    for pair in gaps.windows(2) {
        assert!(
            pair[1].as_secs_f64() >= pair[0].as_secs_f64() * 1.5,
            "each wait should be twice the one before: waits of {gaps:?}"
        );
    }
}

#[test]
fn a_404_is_an_answer_not_retried() {
    for status in [404, 403] {
        let ran = run(&[Try::Status(status), Try::Body], Duration::from_secs(5));
        assert_eq!(
            (ran.result, ran.starts.len()),
            (Err(Error::Status(status)), 1),
            "a {status} will not change if you ask again: return Error::Status({status}) after one try"
        );
    }
}

#[test]
fn a_try_that_hangs_times_out_and_the_next_one_gets_the_page() {
    let ran = run(&[Try::Hang, Try::Body], Duration::from_secs(5));
    assert_eq!(ran.result, Ok(ran.body.clone()));
    let gap = gaps(&ran.starts)[0];
    assert!(
        gap >= POLICY.timeout && gap < POLICY.timeout * 2 + POLICY.first_backoff * 2,
        "the second try should start after the timeout and the first wait, not {gap:?}"
    );
}

#[test]
fn it_gives_up_after_the_last_attempt() {
    for script in [[Try::Status(500)], [Try::Hang]] {
        let ran = run(&script, Duration::from_secs(5));
        assert_eq!(
            (ran.result, ran.starts.len()),
            (Err(Error::GaveUp { attempts: 4 }), 4),
            "four tries in all (policy.attempts), then Error::GaveUp"
        );
    }
}
