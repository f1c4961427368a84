//! Blocking vs non-blocking: N requests to a slow local server.
//!
//! The example starts the project's slow server on a free port of
//! 127.0.0.1 (every answer waits one delay unit) and fetches `/detail/1` to
//! `/detail/N`: one after another with a blocking client, on a pool of OS
//! threads, on several processes, and with an async client on tokio
//! (reqwest), async-std and smol (a small hand-written HTTP/1.1 GET), first
//! in request order, then in the order the answers arrive. It prints each
//! approach's time beside the ideal one and a timeline of the requests;
//! `busy_poll` shows what "non-blocking" means for a socket.
//!
//! ```text
//! cargo run --example blocking_vs_nonblocking
//! cargo run --example blocking_vs_nonblocking -- --requests 100 --workers 6 --unit-ms 1000   # about 2.5 minutes
//! cargo run --example blocking_vs_nonblocking -- --help
//! ```
//!
//! Each request in flight holds two open files (the client's socket and the
//! in-process server's). Before it starts, the example raises its open-file
//! limit up to the hard limit if it must, or stops with a message saying how
//! to raise it (`ulimit -n 4096`) if even that is too low.

fn main() -> std::process::ExitCode {
    blocking_vs_nonblocking::main()
}
