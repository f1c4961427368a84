//! Wrong answer: each blocking call runs in a plain async task, not on the
//! blocking pool.
//!
//! Why a student writes it: spawning is how async code runs things "in the
//! background", and on a machine with many cores it even looks right:
//! async-std starts one worker thread per core, so a few blocking tasks run
//! side by side and the timing passes. But each call holds a worker thread
//! that every other task needs; with fewer cores than calls they take turns,
//! and the runtime stalls. The checker pins async-std to one worker thread
//! (ASYNC_STD_THREAD_COUNT=1), so this fails on every machine, as it would
//! on a busy server. `async_std::task::spawn_blocking` is the fix.

use exercise_support::{Runtime, slow_hash};

pub const RUNTIME: Runtime = Runtime::AsyncStd;

pub async fn hash_all(inputs: Vec<u64>) -> Vec<u64> {
    let tasks: Vec<_> = inputs
        .into_iter()
        .map(|x| async_std::task::spawn(async move { slow_hash(x) }))
        .collect();
    let mut hashes = Vec::new();
    for task in tasks {
        hashes.push(task.await);
    }
    hashes
}
