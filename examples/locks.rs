//! Locks, deadlock and reentrancy, with OS threads and on tokio,
//! async-std and smol side by side: the lost update of a read-await-write
//! and the lock that fixes it, a `std::sync::Mutex` guard held across an
//! `.await`, the order in which waiting tasks get a lock, a lock around a
//! cache (5 callers, 1 fetch), a lock locked twice by its holder, and the
//! deadlock of A(a, b) and B(b, a), found by a timeout and fixed by taking
//! the locks in one order.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run --example locks
//! cargo run --example locks -- --scenario deadlock --runtime smol
//! cargo run --example locks -- --help
//! ```
//!
//! The code is in `chapters/locks/`.

fn main() -> std::process::ExitCode {
    harness::main(&locks::EXAMPLE)
}
