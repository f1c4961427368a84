//! Futures and async/await: a future does nothing until polled, `async fn`
//! beside the state machine it compiles to, and the book's tiny runtime
//! (chapters/futures_async/src/tiny/) beside tokio, async-std and smol.
//!
//! ```text
//! cargo run --example futures_async
//! cargo run --example futures_async -- --scenario gather,get --runtime tiny
//! ```

fn main() -> std::process::ExitCode {
    futures_async::main()
}
