//! Event loops and runtimes, on tokio, async-std and smol side by side.
//!
//! Each scenario builds its runtime, runs it and stops it: a future run to
//! completion three times on one runtime (`run_until_complete`), a runtime
//! that runs until the first job says stop and what then becomes of the
//! other job, a runtime stopped when every job is done, work handed to a
//! runtime after it was closed, calls scheduled soon, later and at a point
//! in time, and the loop as a queue that runs tasks in the order they were
//! woken. For every runtime it prints what came back, how long it took,
//! and a timeline.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run --example event_loops
//! cargo run --example event_loops -- --scenario stop_at_first
//! cargo run --example event_loops -- --runtime smol --unit-ms 1000
//! cargo run --example event_loops -- --help
//! ```
//!
//! The code is in `chapters/event_loops/`; the chapter is "Event loops and
//! runtimes" in the book.

fn main() -> std::process::ExitCode {
    harness::main(&event_loops::EXAMPLE)
}
