//! Blocking code inside async tasks, and the ways out.
//!
//! Each scenario starts `--tasks` tasks (default 5) that each do one unit of
//! work: `std::thread::sleep`, a blocking HTTP request to the project's slow
//! server, or a CPU-heavy loop, first inside the task (the mistake), then
//! moved to the runtime's blocking pool (`spawn_blocking`, `unblock`) or
//! replaced by an async call. It runs on tokio's multi-threaded (`tokio`) and
//! current-thread (`tokio-ct`) schedulers, async-std and smol, and prints the
//! timelines: blocked tasks make a staircase, free ones a single column.
//!
//! ```text
//! cargo run --example blocking_in_async
//! cargo run --example blocking_in_async -- --scenario thread_sleep --tasks 8
//! cargo run --example blocking_in_async -- --help
//! ```

fn main() -> std::process::ExitCode {
    blocking_in_async::main()
}
