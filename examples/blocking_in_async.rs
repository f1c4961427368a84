//! Blocking code inside async tasks, and the ways out.
//!
//! Each scenario starts `--tasks` tasks (default 5) that each do one unit of
//! work: `std::thread::sleep`, a blocking HTTP request to the project's slow
//! server, or a CPU-heavy loop, first inside the task (the mistake), then
//! moved to the runtime's blocking pool (`spawn_blocking`, `unblock`) or
//! replaced by an async call. `bounded_pool` lets a semaphore send at most
//! `--pool-threads` requests (default 3) to the blocking pool at a time, so
//! they run in waves; the CPU
//! scenarios run a heartbeat task beside the work and print how late it got,
//! with the work inline, cut into chunks with `yield_now`, or offloaded. It
//! runs on tokio's multi-threaded (`tokio`) and current-thread (`tokio-ct`)
//! schedulers, async-std and smol, and prints the timelines: blocked tasks
//! make a staircase, free ones a single column.
//!
//! ```text
//! cargo run --example blocking_in_async
//! cargo run --example blocking_in_async -- --scenario thread_sleep --tasks 8
//! cargo run --example blocking_in_async -- --scenario bounded_pool --tasks 10 --pool-threads 5
//! cargo run --example blocking_in_async -- --help
//! ```

fn main() -> std::process::ExitCode {
    blocking_in_async::main()
}
