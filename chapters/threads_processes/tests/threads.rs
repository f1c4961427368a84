//! Threads in one process: the four ways to start one, which OS threads
//! each async runtime wakes sleeping tasks on, and the example's refusal of
//! bad sizes.

use harness::cli::{self, Command};
use harness::{Settings, Timeline};
use std::time::Duration;
use threads_processes::scenario::*;
use threads_processes::{EXAMPLE, async_std_version, smol_version, std_version, tokio_version};

fn settings(args: &[&str]) -> Settings {
    cli::settings(&EXAMPLE, args)
}

/// When `task` started and ended on the timeline.
fn span(tl: &Timeline, task: &str) -> (Duration, Duration) {
    match (tl.time_of(task, "start"), tl.time_of(task, "done")) {
        (Some(start), Some(end)) => (start, end),
        _ => panic!("{task} did not start and finish: {:?}", tl.events()),
    }
}

/// Every task started before any of them finished: they ran side by side.
fn assert_all_overlap(tl: &Timeline) {
    let tasks = tl.tasks_with("start");
    assert!(!tasks.is_empty());
    let last_start = tasks.iter().map(|t| span(tl, t).0).max().unwrap();
    let first_end = tasks.iter().map(|t| span(tl, t).1).min().unwrap();
    assert!(
        last_start < first_end,
        "the tasks ran one after another: {:?}",
        tl.events()
    );
}

#[test]
fn four_ways_to_start_a_thread_run_side_by_side() {
    let s = settings(&["--unit-ms", "50"]);
    let tl = Timeline::new();
    let said = std_version::threads(&tl, &s).unwrap();
    assert_eq!(said, "names (unnamed), named, sleeper; sums [1275, 3775]");
    let mut tasks = tl.tasks_with("done");
    tasks.sort();
    assert_eq!(tasks, ["named", "scoped1", "scoped2", "sleeper", "spawned"]);
    assert_all_overlap(&tl);
}

#[test]
fn a_sleeper_runs_on_the_thread_that_calls_run() {
    let here = std::thread::current().name().map(str::to_string);
    let sleeper = |name: &str| std_version::Sleeper {
        name: name.to_string(),
        nap: Duration::ZERO,
        timeline: Timeline::new(),
    };
    assert_eq!(Some(sleeper("a").run()), here);
    assert_eq!(sleeper("b").start().unwrap().join().unwrap(), "b");
}

const TASKS: usize = 8;
const NAP: Duration = Duration::from_millis(50);

/// What a runtime's run of the sleepers gave, checked for what every
/// runtime shares: every task woke, all slept at the same time.
fn woke_on(tl: &Timeline, threads: Vec<OnThread>) -> ThreadsUsed {
    assert_eq!(threads.len(), TASKS, "{:?}", tl.events());
    assert_eq!(tl.tasks_with("done").len(), TASKS);
    assert_all_overlap(tl);
    ThreadsUsed(threads)
}

fn names(used: &ThreadsUsed) -> Vec<String> {
    used.by_name().into_keys().collect()
}

/// The name of the test's own thread, which calls `block_on`.
fn here() -> String {
    std::thread::current().name().unwrap().to_string()
}

#[test]
fn tokio_multi_thread_wakes_tasks_on_its_worker_threads() {
    let tl = Timeline::new();
    let threads =
        tokio_version::multi_thread().block_on(tokio_version::sleepers(tl.clone(), TASKS, NAP));
    let used = woke_on(&tl, threads);
    assert_eq!(names(&used), ["tokio-rt-worker"], "{used:?}");
    // One worker per core, no more.
    assert!(used.threads() <= cores(), "{used:?}");
}

#[test]
fn tokio_current_thread_runs_every_task_on_the_calling_thread() {
    let tl = Timeline::new();
    let threads =
        tokio_version::current_thread().block_on(tokio_version::sleepers(tl.clone(), TASKS, NAP));
    let used = woke_on(&tl, threads);
    assert_eq!(used.threads(), 1, "{used:?}");
    assert_eq!(names(&used), [here()], "{used:?}");
}

#[test]
fn async_std_wakes_tasks_on_its_runtime_threads() {
    let tl = Timeline::new();
    let threads = async_std_version::block_on(async_std_version::sleepers(tl.clone(), TASKS, NAP));
    let used = woke_on(&tl, threads);
    assert_eq!(names(&used), ["async-std/runtime"], "{used:?}");
}

#[test]
fn smol_wakes_tasks_on_its_global_executor_thread_not_the_caller() {
    let tl = Timeline::new();
    let threads = smol_version::block_on(smol_version::sleepers(tl.clone(), TASKS, NAP));
    let used = woke_on(&tl, threads);
    let names = names(&used);
    assert!(names.iter().all(|n| n.starts_with("smol-")), "{used:?}");
    assert!(!names.contains(&here()), "{used:?}");
}

#[test]
fn bad_sizes_are_refused_with_the_range_allowed() {
    let refused = |args: &[&str]| {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        match cli::parse(&EXAMPLE, &args) {
            Err(message) => message,
            Ok(Command::Run(_)) | Ok(Command::Help) => panic!("{args:?} was accepted"),
        }
    };
    for (args, hint) in [
        (
            &["--workers", "0"][..],
            "`--workers` takes a whole number from 1 to 64",
        ),
        (&["--workers", "100000"][..], "from 1 to 64, not `100000`"),
        (
            &["--tasks", "0"][..],
            "`--tasks` takes a whole number from 1 to 64",
        ),
        (
            &["--fib-max", "7"][..],
            "`--fib-max` takes a whole number from 8 to 40",
        ),
        (&["--fib-max", "90"][..], "from 8 to 40, not `90`"),
        (&["--unit-ms", "5"][..], "too short for threads_processes"),
        (
            &["--scenario", "gil"][..],
            "unknown scenario `gil`; use one of: threads,",
        ),
    ] {
        let message = refused(args);
        assert!(message.contains(hint), "{args:?}: {message}");
    }
}

#[test]
fn the_smallest_sizes_work() {
    let s = settings(&["--fib-max", "8", "--workers", "1", "--tasks", "1"]);
    assert_eq!(fib_inputs(&s), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(shares(&fib_inputs(&s), 1).len(), 1);
}
