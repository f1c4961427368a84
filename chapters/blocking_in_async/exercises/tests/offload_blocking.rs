//! Checks for `offload_blocking`.
//!
//! Every runtime runs with one thread for async tasks and blocking pools of
//! eight threads, on any machine (see `exercise_support::PINNED_THREADS`):
//! with one thread per core, slow_hash called inside plain tasks would pass
//! on a machine with many cores.
//!
//! All the checks look at one run of `hash_all` over six inputs drawn for
//! that run: tests in one process run side by side, and two runs at once
//! would share the pool of `smol::unblock`.

use blocking_in_async_exercises::offload_blocking::{RUNTIME, hash_all};
use exercise_support::{
    HASH_DELAY, HashCall, Polled, block_on_within_watched, count_polls, hash, hash_calls,
    random_inputs,
};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How many inputs the run hashes: fewer than the pool's eight threads.
const INPUTS: usize = 6;

/// What the run of `hash_all` gave and what it did.
struct Run {
    inputs: Vec<u64>,
    hashes: Vec<u64>,
    /// From the call to the answer.
    took: Duration,
    /// How many times `hash_all`'s future was polled for its own wake-ups.
    polls: u32,
    /// Whether something kept the runtime's threads from running other tasks.
    not_blocked: Result<(), String>,
    /// The calls of `slow_hash` it made.
    calls: Vec<HashCall>,
}

/// The one run, made by the first check that asks for it.
fn the_run() -> &'static Run {
    static RUN: OnceLock<Result<Run, String>> = OnceLock::new();
    RUN.get_or_init(run)
        .as_ref()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn run() -> Result<Run, String> {
    let inputs = random_inputs(INPUTS);
    let given = inputs.clone();
    let future = async move {
        let started = Instant::now();
        let polled = count_polls(hash_all(given)).await;
        (polled, started.elapsed())
    };
    let watched = block_on_within_watched(RUNTIME, future, Duration::from_secs(10))
        .map_err(|e| format!("hash_all never returned: {e}"))?;
    let not_blocked = watched.check_not_blocked();
    let (Polled { output, polls }, took) = watched.output;
    let calls = hash_calls(&inputs);
    Ok(Run {
        inputs,
        hashes: output,
        took,
        polls,
        not_blocked,
        calls,
    })
}

#[test]
fn every_hash_is_right_and_in_order() {
    let run = the_run();
    let expected: Vec<u64> = run.inputs.iter().map(|&x| hash(x)).collect();
    assert_eq!(
        run.hashes, expected,
        "hash_all must return slow_hash of each input, in the order of the inputs"
    );
}

#[test]
fn slow_hash_is_called_once_for_each_input() {
    let run = the_run();
    for &x in &run.inputs {
        let times = run.calls.iter().filter(|call| call.input == x).count();
        assert_eq!(
            times, 1,
            "slow_hash({x}) was called {times} times: call it once for each input (its answer \
             is the hash)"
        );
    }
}

#[test]
fn the_slow_calls_overlap() {
    let took = the_run().took;
    assert!(
        took < HASH_DELAY * 2,
        "six calls took {took:?}; each blocks 200 ms, so run together they take about 200 ms, \
         one by one 1.2 s. They ran one at a time: either they took turns on the runtime's one \
         thread (not on the blocking pool), or each waited for the one before (start every \
         call before you await the first)"
    );
}

#[test]
fn the_runtime_stays_free_for_other_tasks() {
    if let Err(e) = &the_run().not_blocked {
        panic!("{e}");
    }
}

#[test]
fn every_call_runs_on_a_blocking_pool() {
    for call in &the_run().calls {
        if let Err(e) = call.check_on_blocking_pool() {
            panic!("{e}");
        }
    }
}

#[test]
fn it_waits_for_the_calls_instead_of_polling_them() {
    let run = the_run();
    // Awaiting each call's handle polls hash_all once, then about once per
    // call as each one finishes. Checking on the calls in a loop (yield_now
    // or a short sleep, then is_finished) polls it hundreds of times.
    let most = 2 * INPUTS as u32 + 10;
    assert!(
        run.polls <= most,
        "hash_all was polled {} times in {:?} (awaiting the calls takes at most {most}): it \
         checks on them in a loop, which keeps the runtime busy doing nothing. Await each \
         call's handle instead: it wakes your task when the call is done",
        run.polls,
        run.took
    );
}
