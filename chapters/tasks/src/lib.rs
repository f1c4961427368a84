//! Chapter "Tasks and their states": spawning, watching a task through its
//! handle (pending, finished), cancelling it, what dropping the handle
//! does on each runtime, tasks that are not `Send`, and many tasks at once.
//!
//! Run it with `cargo run --example tasks`.

pub mod async_std_version;
pub mod scenario;
pub mod smol_version;
pub mod tokio_version;

use harness::{Example, Flag, Run, Runtime, Scenario, Settings, Timeline};

/// The flag of the `many` scenario.
pub const TASKS: &str = "--tasks";

fn many(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
    let (tl, tasks, unit) = (tl.clone(), s.value(TASKS) as usize, s.unit);
    let done = match runtime {
        Runtime::Tokio => tokio_version::block_on(tokio_version::many(tl, tasks, unit)),
        Runtime::AsyncStd => async_std_version::block_on(async_std_version::many(tl, tasks, unit)),
        Runtime::Smol => smol_version::block_on(smol_version::many(tl, tasks, unit)),
        Runtime::TokioCurrentThread | Runtime::Tiny => {
            unreachable!("tasks runs the three runtimes only")
        }
    };
    Ok(format!("{done} of {tasks} tasks done"))
}

fn one_unit(s: &Settings) -> std::time::Duration {
    s.unit
}

/// What `cargo run --example tasks` runs.
pub const EXAMPLE: Example = Example {
    name: "tasks",
    about: "Tasks on tokio, async-std and smol: states, cancel, drop, !Send, many.",
    runtimes: Runtime::THREE,
    default_unit_ms: 100,
    // The looks at the handle are a unit away from the job's end.
    min_unit_ms: 50,
    flags: &[Flag {
        name: TASKS,
        default: 100_000,
        min: 1,
        max: 1_000_000,
        help: "many: tasks sleeping at once",
    }],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "states",
            about: "a job of 2 units, looked at after 0, 1 and 3 units",
            ideal: None,
            run: harness::per_runtime!(states),
        },
        Scenario {
            name: "cancel",
            about: "jobs of 1 and 3 units, both cancelled after 2",
            ideal: None,
            run: harness::per_runtime!(cancel),
        },
        Scenario {
            name: "drop_handle",
            about: "a job of 2 units whose handle is dropped after 1",
            ideal: None,
            run: harness::per_runtime!(drop_handle),
        },
        Scenario {
            name: "local",
            about: "jobs of 3, 1, 2 units sharing an Rc (not Send)",
            ideal: None,
            run: harness::per_runtime!(local),
        },
        Scenario {
            name: "many",
            about: "N tasks (--tasks N), each sleeping one unit",
            ideal: Some(one_unit),
            run: Run::PerRuntime(many),
        },
    ],
};
