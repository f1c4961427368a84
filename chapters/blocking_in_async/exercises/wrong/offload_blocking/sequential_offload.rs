//! Wrong answer: each call goes to the blocking pool, but is awaited before
//! the next one starts.
//!
//! Why a student writes it: it is the loop a Python programmer writes,
//! `for x in inputs: hashes.append(await asyncio.to_thread(slow_hash, x))`,
//! and it does keep the runtime free. But awaiting a call as soon as it is
//! started means waiting for it before starting the next: six calls of
//! 200 ms take 1.2 s. Start them all first (`asyncio.gather` in Python), then
//! await them.

use exercise_support::{Runtime, slow_hash, unless_cancelled};

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn hash_all(inputs: Vec<u64>) -> Vec<u64> {
    let mut hashes = Vec::new();
    for x in inputs {
        let task = tokio::task::spawn_blocking(move || slow_hash(x));
        hashes.push(unless_cancelled(task.await).expect("nothing cancels blocking work"));
    }
    hashes
}
