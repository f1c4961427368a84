//! Chapter "Events": an event that wakes every waiter and stays set, so a
//! late waiter returns at once, with OS threads (a `Mutex<bool>` and a
//! `Condvar`) and on tokio (a `watch` channel), async-std and smol (the
//! `event-listener` crate and a flag); why tokio's `Notify` is not one; a
//! traffic light that three cars obey; and ten thousand waiters released
//! at once, threads against tasks.
//!
//! Run it with `cargo run --example events`.

pub mod async_std_version;
pub mod listener_event;
pub mod scenario;
pub mod smol_version;
pub mod std_version;
pub mod tokio_version;

use harness::{Example, Run, Runtime, Scenario, Settings, Timeline};

fn late_waiter_threads(tl: &Timeline, s: &Settings) -> Result<String, String> {
    Ok(format!("{:?}", std_version::late_waiter(tl, s.unit)))
}

fn traffic_light_threads(tl: &Timeline, s: &Settings) -> Result<String, String> {
    Ok(format!("{:?}", std_version::traffic_light(tl, s.unit)))
}

fn ten_thousand_threads(tl: &Timeline, _s: &Settings) -> Result<String, String> {
    std_version::ten_thousand(tl).map(|r| format!("{r:?}"))
}

/// What `cargo run --example events` runs.
pub const EXAMPLE: Example = Example {
    name: "events",
    about: "Events: set once, every waiter goes, with threads and on three runtimes.",
    runtimes: Runtime::THREE,
    default_unit_ms: 100,
    // A late waiter, a car's leg (0.3 units) and a wake-up must stay well
    // apart from one another.
    min_unit_ms: 50,
    flags: &[],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "late_waiter_threads",
            about: "3 threads wait; set at 1 unit; a 4th waits at 2",
            ideal: None,
            run: Run::Once("threads", late_waiter_threads),
        },
        Scenario {
            name: "late_waiter",
            about: "3 tasks wait; set at 1 unit; a 4th waits at 2 units",
            ideal: None,
            run: harness::per_runtime!(late_waiter),
        },
        Scenario {
            name: "notify",
            about: "Notify, event_listener::Event: no flag, so no event",
            ideal: None,
            run: harness::per_runtime!(notify_is_not_an_event),
        },
        Scenario {
            name: "traffic_light_threads",
            about: "green 1 unit, red 1 unit, twice; 3 car threads",
            ideal: None,
            run: Run::Once("threads", traffic_light_threads),
        },
        Scenario {
            name: "traffic_light",
            about: "a light: green 1 unit, red 1 unit, twice; 3 car tasks",
            ideal: None,
            run: harness::per_runtime!(traffic_light),
        },
        Scenario {
            name: "ten_thousand_threads",
            about: "10,000 threads wait on one event, then it is set",
            ideal: None,
            run: Run::Once("threads", ten_thousand_threads),
        },
        Scenario {
            name: "ten_thousand",
            about: "10,000 tasks wait on one event, then it is set",
            ideal: None,
            run: harness::per_runtime!(ten_thousand),
        },
    ],
};
