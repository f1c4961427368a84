//! Conditions, with OS threads and on tokio, async-std and smol side by
//! side: two speakers taking turns with a condition variable, the notify
//! lost when they start in the other order (they give up after 3 units),
//! the fix with a record of whose turn it is, `notify(n)` against
//! `notify_all`, and consumers woken to nothing when a wait is an `if`.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run --example conditions
//! cargo run --example conditions -- --scenario lost_notify --runtime smol
//! cargo run --example conditions -- --help
//! ```
//!
//! The code is in `chapters/conditions/`.

fn main() -> std::process::ExitCode {
    harness::main(&conditions::EXAMPLE)
}
