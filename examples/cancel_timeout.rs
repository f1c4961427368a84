//! Cancellation, timeouts and Ctrl-C, on tokio, async-std and smol side by
//! side: cancelling at an `.await`, timeouts, `shield`, deadlines, a token,
//! a task group, and the cancel-safety lab: a sender writes 400
//! numbered messages over loopback TCP, each in two halves with a pause now
//! and then between them; the receiver loops on a `select!` of "read one
//! whole message" and a 1 ms ticker. Dropping the read when the ticker
//! wins loses the half message it had read, and every message after it is
//! read from the wrong place. Two fixes lose nothing.
//!
//! `shutdown` is a long run of requests to the slow server that stops
//! gracefully on Ctrl-C: no new requests, a grace period for those in
//! flight, the rest cancelled, every result already in the results file,
//! and exit code 130. A second Ctrl-C quits at once.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run --example cancel_timeout
//! cargo run --example cancel_timeout -- --scenario lost_reads --runtime tokio
//! cargo run --example cancel_timeout -- --help
//! cargo run --example cancel_timeout -- shutdown --runtime smol --out results.txt
//! ```
//!
//! The code is in `chapters/cancel_timeout/`.

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == "shutdown") {
        cancel_timeout::shutdown::main(&args[1..])
    } else {
        harness::main(&cancel_timeout::EXAMPLE)
    }
}
