//! Chapter "Queues and channels": a bounded queue whose producer waits
//! when it is full, with threads and on tokio, async-std and smol; taking
//! and putting without waiting, and the errors that say why not; knowing
//! that all work is done; oneshot, broadcast and watch; and, on the
//! sub-page "Between threads and between processes", messages through a
//! pipe to a child process, measured against a channel between threads,
//! and shared state owned by one process.
//!
//! Run it with `cargo run --example queues`.

pub mod async_std_version;
pub mod processes;
pub mod scenario;
pub mod smol_version;
pub mod std_version;
pub mod tokio_version;

use harness::{Example, Run, Runtime, Scenario, Settings, Timeline};
use std::path::PathBuf;
use std::process::ExitCode;

fn bounded_threads(tl: &Timeline, s: &Settings) -> Result<String, String> {
    Ok(format!("{:?}", std_version::bounded(tl, s.unit)))
}

fn tries_threads(_tl: &Timeline, _s: &Settings) -> Result<String, String> {
    Ok(format!("{:?}", std_version::tries()))
}

/// This program, to start again as a child.
fn this_program() -> Result<PathBuf, String> {
    std::env::current_exe()
        .map_err(|e| format!("cannot find this program to start it as a child: {e}"))
}

fn pipe_to_child(_tl: &Timeline, _s: &Settings) -> Result<String, String> {
    let answer = processes::pipe_to_child(&this_program()?).map_err(|e| e.to_string())?;
    Ok(format!("the child answered {answer:?}"))
}

fn throughput(_tl: &Timeline, _s: &Settings) -> Result<String, String> {
    let got = processes::throughput(&this_program()?).map_err(|e| e.to_string())?;
    Ok(format!("{got:?}"))
}

fn shared_state(_tl: &Timeline, _s: &Settings) -> Result<String, String> {
    let got = processes::shared_state(&this_program()?).map_err(|e| e.to_string())?;
    Ok(format!("the parent's map: {got:?}"))
}

/// What `cargo run --example queues` runs.
pub const EXAMPLE: Example = Example {
    name: "queues",
    about: "Queues and channels: threads, three runtimes, and processes.",
    runtimes: Runtime::THREE,
    default_unit_ms: 100,
    // A thread's or a process's start must stay well under a unit.
    min_unit_ms: 20,
    flags: &[],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "bounded_threads",
            about: "20 items, a queue of 5 places, 4 threads take a unit each",
            ideal: None,
            run: Run::Once("threads", bounded_threads),
        },
        Scenario {
            name: "bounded",
            about: "20 items, a queue of 5 places, 4 tasks take a unit each",
            ideal: None,
            run: harness::per_runtime!(bounded),
        },
        Scenario {
            name: "tries_threads",
            about: "a queue of 1: take, put, put, take, take after close",
            ideal: None,
            run: Run::Once("threads", tries_threads),
        },
        Scenario {
            name: "tries",
            about: "the same without waiting, on each runtime",
            ideal: None,
            run: harness::per_runtime!(tries),
        },
        Scenario {
            name: "all_done",
            about: "9 jobs of a unit, 3 workers: close the queue, await them",
            ideal: None,
            run: harness::per_runtime!(all_done),
        },
        Scenario {
            name: "kinds",
            about: "oneshot: a reply; broadcast: 3 subscribers; watch: latest",
            ideal: None,
            run: harness::per_runtime!(kinds),
        },
        Scenario {
            name: "pipe_to_child",
            about: "a message to a child process over a pipe, and its answer",
            ideal: None,
            run: Run::Once("process", pipe_to_child),
        },
        Scenario {
            name: "throughput",
            about: "20,000 messages: a pipe to a child, a channel to a thread",
            ideal: None,
            run: Run::Once("process", throughput),
        },
        Scenario {
            name: "shared_state",
            about: "2 children set f=25 and f2=27; the parent owns the map",
            ideal: None,
            run: Run::Once("process", shared_state),
        },
    ],
};

/// The example's `main`; in a child process, the child's job instead.
pub fn main() -> ExitCode {
    match processes::child_main() {
        Some(code) => code,
        None => harness::main(&EXAMPLE),
    }
}
