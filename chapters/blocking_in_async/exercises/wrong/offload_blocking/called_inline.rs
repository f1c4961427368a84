//! Wrong answer: slow_hash is called right inside the async function.
//!
//! Why a student writes it: it is an `async fn`, so it feels as if whatever
//! it calls runs concurrently. But an async function runs on the runtime's
//! thread between its `.await`s, and a blocking call holds that thread:
//! the calls run one after another, and no other task on the thread (the
//! checker's ticker) runs until they are done.

use exercise_support::{Runtime, slow_hash};

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn hash_all(inputs: Vec<u64>) -> Vec<u64> {
    inputs.into_iter().map(slow_hash).collect()
}
