//! Chapter "A concurrent crawler": the slow server's generated site crawled
//! from its root on tokio, async-std and smol, each page fetched once, at
//! most `--concurrency` requests in flight, a timeout and retries with
//! backoff for each request, results written as JSON lines as they come,
//! and Ctrl-C that stops within a second and `--resume` that goes on.
//!
//! Run it with `cargo run --example crawler -- --help`.
//!
//! What the runtimes share lives in small modules, one job each:
//! [`scenario`] (site, retry policy, links, a page's result), [`frontier`]
//! (seen set, frontier, limit, resume), [`results`] (the JSON-lines file),
//! [`progress`] (the bar or plain lines) and [`cli`] (the command line).

pub mod async_std_version;
pub mod cli;
pub mod frontier;
pub mod progress;
pub mod results;
pub mod scenario;
pub mod smol_version;
pub mod tokio_version;

pub use cli::main;
