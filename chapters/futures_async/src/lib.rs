//! Chapter "Futures and async/await": futures are lazy, what `async fn`
//! compiles to, the common mistakes, and a runtime small enough to read
//! (src/tiny/) beside tokio, async-std and smol.
//!
//! Run it with `cargo run --example futures_async`.

pub mod async_std_version;
pub mod counting;
pub mod lost_wakeup;
pub mod scenario;
pub mod smol_version;
pub mod state_machine;
pub mod tiny;
pub mod tiny_version;
pub mod tokio_version;

use counting::Counts;
use harness::{Example, Flag, Run, Runtime, Scenario, Settings, Timeline};
use scenario::*;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Runs `$body` (an expression using `$v::` for the version's functions)
/// on `$runtime`, with that version's `block_on`.
macro_rules! on {
    ($runtime:expr, |$v:ident| $body:expr) => {
        match $runtime {
            Runtime::Tokio => {
                use tokio_version as $v;
                $v::multi_thread().block_on($body)
            }
            Runtime::TokioCurrentThread => {
                use tokio_version as $v;
                $v::current_thread().block_on($body)
            }
            Runtime::AsyncStd => {
                use async_std_version as $v;
                $v::block_on($body)
            }
            Runtime::Smol => {
                use smol_version as $v;
                $v::block_on($body)
            }
            Runtime::Tiny => {
                use tiny_version as $v;
                $v::block_on($body)
            }
        }
    };
}

/// When `task` started, in whole units from the start of the run.
fn started_at_unit(tl: &Timeline, task: &str, unit: Duration) -> String {
    match tl.time_of(task, "start") {
        Some(at) => format!("unit {}", (at.as_secs_f64() / unit.as_secs_f64()).round()),
        None => "not run".to_string(),
    }
}

fn lazy(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
    let (tl2, unit) = (tl.clone(), s.unit);
    let got = on!(runtime, |v| v::lazy(tl2, unit));
    if got != [1, 1] {
        return Err(format!("lazy returned {got:?}, not [1, 1]"));
    }
    let at = |task| started_at_unit(tl, task, unit);
    Ok(format!(
        "never: {}; spawned: {}; joined: {}",
        at("never"),
        at("spawned"),
        at("joined")
    ))
}

fn gather(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
    let (tl, unit, counts) = (tl.clone(), s.unit, Arc::new(Counts::default()));
    let got = on!(runtime, |v| v::gather(tl, unit, counts.clone()));
    Ok(format!("{got:?}; {}", counts.summary()))
}

fn get(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
    let server = slow_server::start(slow_server::Config::with_delay(s.unit))
        .map_err(|e| format!("could not start the slow server: {e}"))?;
    let (tl, names, counts) = (tl.clone(), page_names(s), Arc::new(Counts::default()));
    let titles = on!(runtime, |v| v::get(tl, server.addr, names, counts.clone()))
        .map_err(|e| harness::error_chain(&e))?;
    // How the answers arrive in TCP segments changes the counts from run to
    // run a little: `~` marks them.
    let (polls, wakes) = (counts.polls(), counts.wakes());
    Ok(format!(
        "{} titles; ~{polls} polls, ~{wakes} wakes",
        titles.len()
    ))
}

fn state_machine(runtime: Runtime, _tl: &Timeline, s: &Settings) -> Result<String, String> {
    let unit = s.unit;
    let [(by_fn, fn_size), (by_hand, hand_size)] = on!(runtime, |v| v::state_machines(unit));
    Ok(format!(
        "async fn {by_fn} ({fn_size} bytes), by hand {by_hand} ({hand_size} bytes)"
    ))
}

fn many_tasks(runtime: Runtime, _tl: &Timeline, s: &Settings) -> Result<String, String> {
    let (tasks, unit) = (s.value(TASKS) as usize, s.unit);
    let threads = on!(runtime, |v| v::many_tasks(tasks, unit));
    // On a multi-threaded runtime, how many workers wake the tasks changes
    // from run to run: `~` marks such a count.
    let mark = if matches!(runtime, Runtime::Tokio | Runtime::AsyncStd) {
        "~"
    } else {
        ""
    };
    Ok(format!("{tasks} tasks on {mark}{threads} thread(s)"))
}

/// How long waiting for a flag set after one unit took, with the waiter's
/// look and its waker `gap` apart: in two steps, or under one lock.
fn lost_wakeup(tl: &Timeline, s: &Settings) -> Result<String, String> {
    use futures::future::{Either, select};
    use lost_wakeup::{Flag, LookAndLeave, LookThenLeave};
    let unit = s.unit;
    let mut took = Vec::new();
    for lane in ["split", "locked"] {
        let flag = Arc::new(Flag::default());
        let setter = flag.clone();
        let started = Instant::now();
        let record = tl.start(lane);
        std::thread::spawn(move || {
            std::thread::sleep(unit);
            setter.set();
        });
        let gap = unit * 2;
        let timeout = tiny::sleep(unit * 4);
        let saw_flag = match lane {
            "split" => {
                let wait = LookThenLeave { flag: &flag, gap };
                matches!(tiny::block_on(select(wait, timeout)), Either::Left(_))
            }
            _ => {
                let wait = LookAndLeave { flag: &flag, gap };
                matches!(tiny::block_on(select(wait, timeout)), Either::Left(_))
            }
        };
        let units = (started.elapsed().as_secs_f64() / unit.as_secs_f64()).round();
        match saw_flag {
            true => took.push(record.done(format!("after {units} units"))),
            false => return Err(record.failed(format!("{lane}: never saw the flag"))),
        }
    }
    Ok(format!("flag seen: split {}, locked {}", took[0], took[1]))
}

/// The tiny executor's polls and wakes: when the short task was woken and
/// when it was polled again, in units.
fn polls_and_wakes(tl: &Timeline, s: &Settings) -> Result<String, String> {
    tiny_version::block_on(tiny_version::polls_and_wakes(tl.clone(), s.unit));
    let events = tl.events();
    let units = |at: Duration| (at.as_secs_f64() / s.unit.as_secs_f64()).round();
    let at = |lane: &str, event: &str| {
        let times = events.iter().filter(|e| e.task == lane && e.event == event);
        times.map(|e| units(e.at)).collect::<Vec<_>>()
    };
    let (woken, polled) = (at("short", "wake"), at("short", "poll"));
    match (woken.as_slice(), polled.as_slice()) {
        ([woken], [_, polled]) => Ok(format!(
            "short: woken at unit {woken}, polled at unit {polled}"
        )),
        _ => Err(format!(
            "short: expected 1 wake and 2 polls, saw wakes at {woken:?} and polls at {polled:?}"
        )),
    }
}

/// What `cargo run --example futures_async` runs.
pub const EXAMPLE: Example = Example {
    name: "futures_async",
    about: "Futures are lazy; async fn as a state machine; a tiny runtime beside three.",
    runtimes: Runtime::WITH_TINY,
    default_unit_ms: 100,
    min_unit_ms: 20,
    flags: &[
        Flag {
            name: TASKS,
            default: 10_000,
            min: 1,
            max: 100_000,
            help: "many_tasks: tasks started at once",
        },
        Flag {
            name: PAGES,
            default: 5,
            min: 1,
            max: 200,
            help: "get: pages fetched at once",
        },
    ],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "lazy",
            about: "a future never polled, a spawned task, join!",
            run: Run::PerRuntime(lazy),
            ideal: Some(ideal_two_units),
        },
        Scenario {
            name: "gather",
            about: "3 spawned jobs (3, 1, 2 units): their polls and wakes",
            run: Run::PerRuntime(gather),
            ideal: Some(ideal_gather),
        },
        Scenario {
            name: "get",
            about: "--pages GETs at once from the slow server",
            run: Run::PerRuntime(get),
            ideal: Some(ideal_one_unit),
        },
        Scenario {
            name: "state_machine",
            about: "two naps as an async fn and as a hand-written enum",
            run: Run::PerRuntime(state_machine),
            ideal: Some(ideal_two_units),
        },
        Scenario {
            name: "many_tasks",
            about: "--tasks tasks sleep one unit: on how many threads",
            run: Run::PerRuntime(many_tasks),
            ideal: Some(ideal_one_unit),
        },
        Scenario {
            name: "lost_wakeup",
            about: "a waker left after the look, or under the same lock",
            run: Run::Once("tiny", lost_wakeup),
            ideal: None,
        },
        Scenario {
            name: "polls_and_wakes",
            about: "each poll and wake, with a task blocking the thread",
            run: Run::Once("tiny", polls_and_wakes),
            ideal: None,
        },
    ],
};

/// The example's `main`.
pub fn main() -> ExitCode {
    harness::main(&EXAMPLE)
}
