//! Queues and channels, with OS threads, on tokio, async-std and smol
//! side by side, and between processes: a bounded queue whose producer
//! waits while it is full, `try_send`/`try_recv` and their errors, knowing
//! that all work is done, oneshot/broadcast/watch, and messages through
//! pipes to child processes (one message, 20,000 of them against a
//! channel between threads, and shared state).
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run --example queues
//! cargo run --example queues -- --scenario bounded --runtime smol
//! cargo run --example queues -- --scenario throughput
//! cargo run --example queues -- --help
//! ```
//!
//! The code is in `chapters/queues/`.

fn main() -> std::process::ExitCode {
    queues::main()
}
