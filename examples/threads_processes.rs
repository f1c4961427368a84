//! Threads and processes: OS threads and child processes in plain Rust.
//!
//! The example starts threads four ways (spawn and join, a name, a type
//! with its own `run`, scoped threads), shows what Python's daemon threads
//! become (a child process of this program returns from `main` while its
//! worker still naps, another joins it), runs CPU-bound work (fib of eight
//! numbers) and I/O-bound work (naps) serially, on threads and in child
//! processes with the core count beside the times, shows that a counter the
//! children add to stays 0 in the parent, that a load then a store on an
//! atomic loses updates where `fetch_add` and a `Mutex` keep them all, that
//! consumers looking once in a shared list find nothing where consumers
//! waiting on a `Condvar` all get an item, and which OS threads tokio (both
//! schedulers), async-std and smol run a batch of sleeping tasks on.
//!
//! ```text
//! cargo run --example threads_processes
//! cargo run --release --example threads_processes -- --scenario cpu_bound --fib-max 36
//! cargo run --example threads_processes -- --help
//! ```
//!
//! The children are this same program started again: `main` first checks
//! whether it is a child, and if so does the child's job and nothing else.

fn main() -> std::process::ExitCode {
    threads_processes::main()
}
