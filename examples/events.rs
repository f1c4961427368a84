//! Events, with OS threads and on tokio, async-std and smol side by side:
//! three waiters and a late one (an event stays set, so the late one
//! returns at once), why tokio's `Notify` is not an event, a traffic light
//! that three cars obey, and ten thousand waiters released at once,
//! threads against tasks.
//!
//! Run it from the repository root:
//!
//! ```text
//! cargo run --example events
//! cargo run --example events -- --scenario traffic_light --runtime smol
//! cargo run --example events -- --help
//! ```
//!
//! The code is in `chapters/events/`.

fn main() -> std::process::ExitCode {
    harness::main(&events::EXAMPLE)
}
