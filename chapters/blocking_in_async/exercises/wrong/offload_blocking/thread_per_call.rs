//! Wrong answer: a new OS thread for each call, checked every millisecond
//! until it is finished.
//!
//! Why a student writes it: a thread is how blocking work runs beside other
//! work without async (Python's `threading.Thread`), and sleeping 1 ms
//! between checks keeps the runtime free. But nothing limits the threads (a
//! thousand inputs start a thousand threads, where a blocking pool reuses a
//! few), and the loop wakes the task every millisecond for nothing, 200
//! times per call, where awaiting a pool's handle wakes it once.

use exercise_support::{Runtime, slow_hash};
use std::time::Duration;

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn hash_all(inputs: Vec<u64>) -> Vec<u64> {
    let threads: Vec<_> = inputs
        .into_iter()
        .map(|x| std::thread::spawn(move || slow_hash(x)))
        .collect();
    let mut hashes = Vec::new();
    for thread in threads {
        while !thread.is_finished() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        hashes.push(thread.join().expect("slow_hash does not panic"));
    }
    hashes
}
