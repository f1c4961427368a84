//! Gather, wait and as-completed, on tokio, async-std and smol side by side.
//!
//! Each scenario starts a few jobs that wait a number of delay units and
//! collects them one way: all results in order (gather), stop at the first
//! error, keep every result, whatever is done by a deadline (wait with a
//! timeout), the first one (first completed), each as it comes (as
//! completed), groups of groups, and cancelling a group. For every runtime it
//! prints what came back, how long it took, and a timeline of the tasks.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run --example gather_vs_wait
//! cargo run --example gather_vs_wait -- --scenario gather --runtime smol
//! cargo run --example gather_vs_wait -- --unit-ms 1000   # one unit = 1 s
//! cargo run --example gather_vs_wait -- --help
//! ```
//!
//! The code is in `chapters/gather_wait/`; the chapter is "Gather, wait and
//! as-completed" in the book.

fn main() -> std::process::ExitCode {
    harness::main(&gather_wait::EXAMPLE)
}
