//! The same program as `cargo run --example crawler`, built with this crate
//! so that its tests can run it as a child process.

fn main() -> std::process::ExitCode {
    crawler::main()
}
