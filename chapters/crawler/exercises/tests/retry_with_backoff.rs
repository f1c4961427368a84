//! Checks for `fetch_with_retries`, on tokio's current-thread runtime with
//! its clock paused (`start_paused`): time moves only when every task waits
//! on a timer, and jumps to the next one, so the waits measured are exact
//! on any machine, however loaded, and a `std::thread::sleep` waits no time
//! at all. A real-time limit fails a try that hangs without a timeout
//! instead of hanging the check. Each check scripts what the tries give (a
//! body drawn for the run, a status, a 5xx drawn for the run, a reset, or
//! no answer ever) and records when each try starts and when it returned.

use crawler_exercises::retry_with_backoff::{Error, Fault, Policy, fetch_with_retries};
use exercise_support::{random_values, random_word};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

/// Runs `future` on a current-thread tokio runtime with a paused clock,
/// within `limit` of real time: its output, and the (paused clock's) time
/// it returned.
fn run_paused<F>(future: F, limit: Duration) -> Result<(F::Output, Instant), String>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .expect("a tokio runtime");
        let out = runtime.block_on(async { (future.await, Instant::now()) });
        let _ = done.send(out);
    });
    result.recv_timeout(limit).map_err(|e| match e {
        std::sync::mpsc::RecvTimeoutError::Timeout => {
            format!("it did not finish within {limit:?} of real time")
        }
        std::sync::mpsc::RecvTimeoutError::Disconnected => "it panicked (see above)".to_string(),
    })
}

/// How long a try that answers takes.
const TRY: Duration = Duration::from_millis(5);

/// A 5xx status drawn for the run, not 500 or 503 (the scripts have those):
/// every 5xx is worth another try, not the ones on a list.
fn some_5xx() -> u16 {
    let others: Vec<u16> = (501..600).filter(|&s| s != 503).collect();
    others[random_values(1)[0] as usize % others.len()]
}

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
    /// When each try started, from the first.
    starts: Vec<Duration>,
    /// When it returned, after the last try started.
    returned: Duration,
}

/// Runs `fetch_with_retries` over tries that give `script` (the last one
/// again once it runs out).
fn run(script: &[Try], limit: Duration) -> Ran {
    let body = format!("{} {}", random_values(1)[0], random_word());
    let starts = Arc::new(Mutex::new(Vec::new()));
    let attempt = {
        let (script, body, starts) = (script.to_vec(), body.clone(), starts.clone());
        move || {
            let mut starts_now = starts.lock().unwrap();
            let n = starts_now.len();
            starts_now.push(Instant::now()); // the paused clock's time
            let this = script[n.min(script.len() - 1)];
            let body = body.clone();
            async move {
                tokio::time::sleep(TRY).await;
                match this {
                    Try::Body => Ok(body),
                    Try::Status(status) => Err(Fault::Status(status)),
                    Try::Reset => Err(Fault::Reset),
                    Try::Hang => std::future::pending().await,
                }
            }
        }
    };
    let (result, returned) =
        run_paused(fetch_with_retries(attempt, POLICY), limit).unwrap_or_else(|e| {
            panic!(
                "{e}: give each try at most policy.timeout (tokio::time::timeout), and stop after \
             policy.attempts tries"
            )
        });
    let starts = starts.lock().unwrap().clone();
    let (first, last) = (starts[0], *starts.last().expect("at least one try"));
    Ran {
        result,
        body,
        starts: starts.iter().map(|&s| s - first).collect(),
        returned: returned - last,
    }
}

fn gaps(starts: &[Duration]) -> Vec<Duration> {
    starts.windows(2).map(|w| w[1] - w[0]).collect()
}

#[test]
fn transient_faults_are_retried_with_growing_waits() {
    let other = some_5xx();
    let ran = run(
        &[Try::Status(503), Try::Reset, Try::Status(other), Try::Body],
        Duration::from_secs(5),
    );
    assert_eq!(
        ran.result,
        Ok(ran.body.clone()),
        "a 5xx (503, {other}: any 500-599) or a reset is worth another try"
    );
    assert_eq!(
        ran.starts.len(),
        4,
        "the fourth try gives the page: {:?}",
        ran.starts
    );
    let gaps = gaps(&ran.starts);
    assert!(
        gaps[0] >= TRY + POLICY.first_backoff,
        "wait policy.first_backoff ({:?}) before the second try, with tokio::time::sleep, not \
         {:?} (std::thread::sleep blocks the runtime's thread, and on the checker's paused \
         clock it waits no time at all)",
        POLICY.first_backoff,
        gaps[0] - TRY.min(gaps[0])
    );
    assert!(
        gaps[0] < TRY + POLICY.first_backoff * 2,
        "the first wait should be policy.first_backoff ({:?}), not {:?}: double the wait after \
         you sleep it, not before",
        POLICY.first_backoff,
        gaps[0] - TRY
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
    for script in [[Try::Status(500)], [Try::Status(some_5xx())], [Try::Hang]] {
        let ran = run(&script, Duration::from_secs(5));
        assert_eq!(
            (ran.result, ran.starts.len()),
            (Err(Error::GaveUp { attempts: 4 }), 4),
            "four tries in all (policy.attempts), then Error::GaveUp"
        );
        let took = match script[0] {
            Try::Hang => POLICY.timeout,
            _ => TRY,
        };
        assert!(
            ran.returned <= took + Duration::from_millis(1),
            "it returned {:?} after the last try started, which took {took:?}: after the last \
             try there is nothing to wait for, return Error::GaveUp at once",
            ran.returned
        );
    }
}
