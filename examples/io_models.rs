//! The I/O models underneath the runtimes, each fetching the same pages
//! from a local slow server: blocking sockets on a thread each, busy
//! polling, select, poll and epoll called directly, SIGIO, io_uring,
//! select's 1024-descriptor limit, a non-blocking connect, an event loop of
//! callbacks, and the same crawl with async/await on tokio, async-std and
//! smol. Linux only.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run --example io_models
//! cargo run --example io_models -- --scenario busy_poll
//! cargo run --example io_models -- --scenario select_limit
//! cargo run --example io_models -- --help
//! ```
//!
//! The code is in `chapters/io_models/`.

#[cfg(target_os = "linux")]
fn main() -> std::process::ExitCode {
    harness::main(&io_models::EXAMPLE)
}

#[cfg(not(target_os = "linux"))]
fn main() -> std::process::ExitCode {
    eprintln!(
        "error: io_models calls Linux's epoll, SIGIO and io_uring directly, so it runs on Linux \
         only; read its output in the book, or run it in a Linux VM or container"
    );
    std::process::ExitCode::from(2)
}
