//! Wrong answer: the calls go to the blocking pool, then a loop asks them
//! again and again whether they are finished, yielding in between.
//!
//! Why a student writes it: `JoinHandle::is_finished` is right there, and a
//! loop that yields lets the other tasks run, so the runtime looks free and
//! the calls overlap. But the task never sleeps: it is polled again at once,
//! thousands of times in 200 ms, and keeps a core at 100% doing nothing.
//! Awaiting a handle costs nothing until the call is done: the handle wakes
//! the task then.

use exercise_support::{Runtime, slow_hash, unless_cancelled};

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn hash_all(inputs: Vec<u64>) -> Vec<u64> {
    let tasks: Vec<_> = inputs
        .into_iter()
        .map(|x| tokio::task::spawn_blocking(move || slow_hash(x)))
        .collect();
    while !tasks.iter().all(|task| task.is_finished()) {
        tokio::task::yield_now().await;
    }
    let mut hashes = Vec::new();
    for task in tasks {
        hashes.push(unless_cancelled(task.await).expect("nothing cancels blocking work"));
    }
    hashes
}
