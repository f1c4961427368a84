//! Bridging threads and runtimes, on tokio, async-std and smol side by
//! side: plain threads that call async code with `block_on` (and what
//! `block_on` does inside a runtime), jobs handed to a runtime on another
//! thread (Python's `run_coroutine_threadsafe` and `call_soon_threadsafe`),
//! channels with a blocking end and an async end, reqwest (which needs
//! tokio) from async-std and smol, and requests split between processes
//! that each run a runtime of their own.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run --example bridging
//! cargo run --example bridging -- --scenario call_soon_threadsafe --runtime smol
//! cargo run --example bridging -- --help
//! ```
//!
//! The code is in `chapters/bridging/`.

fn main() -> std::process::ExitCode {
    bridging::main()
}
