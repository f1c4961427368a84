//! A concurrent crawler: it starts the slow server with a generated site of
//! linked pages (or crawls one already running, `--server 127.0.0.1:PORT`),
//! crawls it from `/site/0` on the runtime you name, each page once, at most
//! `--concurrency` requests in flight, with a timeout and retries for each
//! request, and writes one JSON line per page to `--out` as it comes.
//! Ctrl-C stops it within a second; `--resume` goes on from the file.
//!
//! ```text
//! cargo run --example crawler -- --runtime smol --pages 2000 --concurrency 50 --out crawl.jsonl
//! cargo run --example crawler -- --runtime tokio --out crawl.jsonl --resume
//! cargo run --example crawler -- --help
//! ```
//!
//! The code is in `chapters/crawler/`.

fn main() -> std::process::ExitCode {
    crawler::main()
}
