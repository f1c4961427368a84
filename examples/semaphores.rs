//! Semaphores, with OS threads and on tokio, async-std and smol side by
//! side: ten jobs of 2 units with at most 3 at once (8 units, and the slow
//! server never sees more than 3), a client's limit of 100 requests in
//! flight that makes 1000 requests go in ten waves, and batches of ten
//! against a sliding window of ten.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run --example semaphores
//! cargo run --example semaphores -- --scenario client_limit --runtime smol
//! cargo run --example semaphores -- --help
//! ```
//!
//! The code is in `chapters/semaphores/`.

fn main() -> std::process::ExitCode {
    harness::main(&semaphores::EXAMPLE)
}
