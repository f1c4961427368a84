//! Callbacks, on tokio, async-std and smol side by side.
//!
//! What Python's `task.add_done_callback(cb)` and `functools.partial(cb,
//! url)` become in Rust: a closure run by `inspect` or `map` on a future
//! before it is spawned, closures that capture their arguments, and a
//! channel that the tasks feed and the caller awaits. Then the same
//! three-step job (fetch, parse, save) as a chain of `then` callbacks and as
//! straight-line `.await`, and `print_sum(100, 200)` whose result comes back
//! through `.await` with no callback. For every runtime it prints what came
//! back, how long it took, and a timeline of the tasks.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run --example callbacks
//! cargo run --example callbacks -- --scenario chain,awaited --runtime smol
//! cargo run --example callbacks -- --unit-ms 1000   # one unit = 1 s
//! cargo run --example callbacks -- --help
//! ```
//!
//! The code is in `chapters/callbacks/`; the chapter is "Callbacks" in the
//! book.

fn main() -> std::process::ExitCode {
    harness::main(&callbacks::EXAMPLE)
}
