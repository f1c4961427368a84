//! Tasks and their states, on tokio, async-std and smol side by side.
//!
//! A task watched through its handle (pending, then finished, then its
//! result), two tasks cancelled (one already done, one not), a handle
//! dropped while its task waits (detached on tokio and async-std, cancelled
//! on smol), tasks that are not `Send` run on one thread, and many tasks
//! sleeping at once (`--tasks`, up to a million) against the one-unit
//! ideal. For every
//! runtime it prints what came back, how long it took, and a timeline.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run --example tasks
//! cargo run --example tasks -- --scenario cancel --runtime smol
//! cargo run --release --example tasks -- --scenario many --tasks 1000000
//! cargo run --example tasks -- --help
//! ```
//!
//! The code is in `chapters/tasks/`; the chapter is "Tasks and their
//! states" in the book. `cargo bench --bench tasks_scale` measures the
//! memory per task.

fn main() -> std::process::ExitCode {
    harness::main(&tasks::EXAMPLE)
}
