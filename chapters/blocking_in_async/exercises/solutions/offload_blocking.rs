//! Offload blocking: `exercise_support::slow_hash` blocks its thread for
//! 200 ms and you cannot change it. Hash every input concurrently, without
//! blocking the runtime: other tasks must keep running meanwhile.
//!
//! Tools: `tokio::task::spawn_blocking`, `async_std::task::spawn_blocking`,
//! `smol::unblock`. The checker gives every runtime one thread for async
//! tasks (tokio's current-thread scheduler), so blocking shows at once, on
//! any machine, and each blocking pool eight threads. It also looks at the
//! thread each call ran on, and counts how often your future is polled.
//! Set `RUNTIME` to match.

use exercise_support::{Runtime, slow_hash, unless_cancelled};

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Tokio;

/// `slow_hash` of every input, in order, computed without blocking the runtime.
pub async fn hash_all(inputs: Vec<u64>) -> Vec<u64> {
    // BEGIN SOLUTION
    let tasks: Vec<_> = inputs
        .into_iter()
        .map(|x| tokio::task::spawn_blocking(move || slow_hash(x)))
        .collect();
    let mut hashes = Vec::new();
    for task in tasks {
        // Blocking work cannot be cancelled; a panic in slow_hash goes on here.
        hashes.push(unless_cancelled(task.await).expect("nothing cancels blocking work"));
    }
    hashes
    // END SOLUTION
    // STARTER todo!("call slow_hash for every input without blocking the runtime")
}
