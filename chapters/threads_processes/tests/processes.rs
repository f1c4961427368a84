//! The scenarios with child processes start the running program again as
//! their children. This test program has its own `main` (no libtest
//! harness), so that the children started from it do the children's jobs.
//!
//! Timing checks compare the phases of one run with each other, with wide
//! margins, so that they hold on a 2-core machine busy with other work.

use harness::{Settings, Timeline};
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;
use threads_processes::process_pool::{self, PoolResults};
use threads_processes::{EXAMPLE, scenario::*, std_version};

fn main() -> ExitCode {
    if let Some(code) = std_version::child_main() {
        return code;
    }
    let tests: [(&str, fn()); 9] = [
        (
            "returning_from_main_ends_the_worker_joining_waits_for_it",
            returning_from_main_ends_the_worker_joining_waits_for_it,
        ),
        (
            "cpu_work_is_shared_and_runs_side_by_side",
            cpu_work_is_shared_and_runs_side_by_side,
        ),
        (
            "naps_on_threads_and_processes_overlap",
            naps_on_threads_and_processes_overlap,
        ),
        (
            "children_count_in_their_own_memory",
            children_count_in_their_own_memory,
        ),
        (
            "a_child_with_a_bad_job_fails_with_a_message",
            a_child_with_a_bad_job_fails_with_a_message,
        ),
        ("a_run_can_be_repeated", a_run_can_be_repeated),
        (
            "a_process_pool_gives_each_job_to_the_first_free_worker",
            a_process_pool_gives_each_job_to_the_first_free_worker,
        ),
        (
            "one_worker_process_answers_in_submission_order",
            one_worker_process_answers_in_submission_order,
        ),
        (
            "a_worker_refuses_a_job_it_cannot_read",
            a_worker_refuses_a_job_it_cannot_read,
        ),
    ];
    for (name, test) in tests {
        print!("test {name} ... ");
        let _ = std::io::stdout().flush();
        test(); // a failed check panics, and the test program fails
        println!("ok");
    }
    ExitCode::SUCCESS
}

fn settings(args: &[&str]) -> Settings {
    harness::cli::settings(&EXAMPLE, args)
}

/// When `task` started and ended on the timeline.
fn span(tl: &Timeline, task: &str) -> (Duration, Duration) {
    let start = tl.time_of(task, "start");
    let end = tl.time_of(task, "done");
    match (start, end) {
        (Some(start), Some(end)) => (start, end),
        _ => panic!("{task} did not start and finish: {:?}", tl.events()),
    }
}

/// Every task in `tasks` started before any of them finished: they ran
/// side by side, not one after another.
fn assert_overlap(tl: &Timeline, tasks: &[String]) {
    let last_start = tasks.iter().map(|t| span(tl, t).0).max().unwrap();
    let first_end = tasks.iter().map(|t| span(tl, t).1).min().unwrap();
    assert!(
        last_start < first_end,
        "{tasks:?} ran one after another: {:?}",
        tl.events()
    );
}

fn lanes(kind: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| lane(kind, i)).collect()
}

fn returning_from_main_ends_the_worker_joining_waits_for_it() {
    let s = settings(&["--unit-ms", "100"]);
    let tl = Timeline::new();
    let said = std_version::daemon(&tl, &s).unwrap();
    assert_eq!(
        said,
        "worker: lost without join, done with join, stopped if told",
        "{:?}",
        tl.events()
    );
    let value = |task| {
        tl.events()
            .into_iter()
            .find(|e| e.task == task && e.event == "done")
            .and_then(|e| e.value)
            .unwrap()
    };
    assert_eq!(value("no-join"), format!("[{:?}]", std_version::MAIN_LINE));
    assert_eq!(
        value("join"),
        format!(
            "[{:?}, {:?}]",
            std_version::WORKER_LINE,
            std_version::MAIN_LINE
        )
    );
    assert_eq!(
        value("stop"),
        format!(
            "[{:?}, {:?}]",
            std_version::STOPPED_LINE,
            std_version::MAIN_LINE
        )
    );
    // The joining child lives through the worker's nap of 2 units; the
    // others end before it.
    let (start, end) = span(&tl, "join");
    assert!(end - start >= s.units(2), "{:?}", tl.events());
    assert!(span(&tl, "no-join").1 < end, "{:?}", tl.events());
    assert!(span(&tl, "stop").1 < end, "{:?}", tl.events());
}

fn cpu_work_is_shared_and_runs_side_by_side() {
    let s = settings(&["--fib-max", "32", "--workers", "2"]);
    let tl = Timeline::new();
    // cpu_bound itself checks every result against the serial ones.
    let timings = std_version::cpu_bound(&tl, &s).unwrap();
    assert_eq!(timings.cores, cores());
    assert!(timings.rayon.is_some());
    // The phases come one after another: serial, threads, rayon, processes.
    let serial = span(&tl, "serial");
    let (threads, processes) = (lanes("thread", 2), lanes("process", 2));
    assert!(threads.iter().all(|t| span(&tl, t).0 >= serial.1));
    let threads_end = threads.iter().map(|t| span(&tl, t).1).max().unwrap();
    let rayon = span(&tl, "rayon");
    assert!(rayon.0 >= threads_end);
    assert!(processes.iter().all(|p| span(&tl, p).0 >= rayon.1));
    // Within a phase the workers ran at the same time.
    assert_overlap(&tl, &threads);
    assert_overlap(&tl, &processes);
    // Each worker did its share, and the shares are the whole range.
    let mut done: Vec<String> = threads
        .iter()
        .map(|t| {
            let e = tl
                .events()
                .into_iter()
                .find(|e| e.task == *t && e.event == "done");
            e.and_then(|e| e.value).unwrap()
        })
        .collect();
    done.sort();
    let mut expected: Vec<String> = shares(&fib_inputs(&s), 2)
        .iter()
        .map(|share| format!("{share:?}"))
        .collect();
    expected.sort();
    assert_eq!(done, expected);
}

fn naps_on_threads_and_processes_overlap() {
    let s = settings(&["--tasks", "8", "--unit-ms", "50"]);
    let tl = Timeline::new();
    let timings = std_version::io_bound(&tl, &s).unwrap();
    // Eight naps one after another take at least eight units; side by side,
    // about one. Starting eight child processes of a debug build can take a
    // few units on a busy machine, so processes are only held to "less than
    // one after another"; the overlap checks below show they ran side by side.
    assert!(timings.serial >= s.units(8), "{timings:?}");
    assert!(timings.threads * 2 < timings.serial, "{timings:?}");
    assert!(timings.processes < timings.serial, "{timings:?}");
    assert!(timings.threads >= s.unit && timings.processes >= s.unit);
    assert_overlap(&tl, &lanes("thread", 8));
    assert_overlap(&tl, &lanes("process", 8));
}

fn children_count_in_their_own_memory() {
    let s = settings(&["--workers", "3"]);
    let counted = std_version::processes_do_not_share(&Timeline::new(), &s).unwrap();
    let each = std_version::INCREMENTS;
    assert_eq!(
        counted,
        std_version::Counted {
            in_children: vec![each; 3],
            here_after_children: 0,
            here_after_threads: 3 * each,
        }
    );
}

fn a_child_with_a_bad_job_fails_with_a_message() {
    let err = std_version::run_child("juggle", &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown job `juggle`"), "{err}");
    assert!(err.contains("exit status: 1"), "{err}");
    let err = std_version::run_child("fib", &["many".into()])
        .unwrap_err()
        .to_string();
    assert!(err.contains("`many` is not a whole number"), "{err}");
    let err = std_version::run_child("sleep", &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("takes one number"), "{err}");
}

fn a_run_can_be_repeated() {
    // The counter is a static: a second run in the same process (a notebook
    // cell run twice) must start again from 0.
    let s = settings(&["--workers", "2"]);
    for _ in 0..2 {
        let counted = std_version::processes_do_not_share(&Timeline::new(), &s).unwrap();
        assert_eq!(counted.here_after_children, 0);
        assert_eq!(counted.here_after_threads, 2 * std_version::INCREMENTS);
    }
}

fn names(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

fn a_process_pool_gives_each_job_to_the_first_free_worker() {
    // a, b, c, d nap 5, 1, 2, 1 units. On 2 workers: a on one, b, c and d
    // one after another on the other, so they come back b, c, d, a.
    let tl = Timeline::new();
    let results = process_pool::run_pool(&tl, 2, Duration::from_millis(100)).unwrap();
    assert_eq!(
        results,
        PoolResults {
            as_they_came: names(&["b", "c", "d", "a"]),
            in_order: names(&["a", "b", "c", "d"]),
        },
        "{:?}",
        tl.events()
    );
    assert_overlap(&tl, &names(&["a", "b"]));
    // c waited for b's worker: it started after b ended.
    assert!(span(&tl, "c").0 >= span(&tl, "b").1, "{:?}", tl.events());
}

fn one_worker_process_answers_in_submission_order() {
    let tl = Timeline::new();
    let results = process_pool::run_pool(&tl, 1, Duration::from_millis(10)).unwrap();
    assert_eq!(results.as_they_came, results.in_order);
    assert_eq!(results.in_order, names(&["a", "b", "c", "d"]));
}

fn a_worker_refuses_a_job_it_cannot_read() {
    use std::process::{Command, Stdio};
    let mut worker = Command::new(std::env::current_exe().unwrap())
        .env(std_version::CHILD_ENV, "worker")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(worker.stdin.take().unwrap(), "1\nsoon").unwrap();
    let out = worker.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "done\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a job must be a nap in ms, not \"soon\""),
        "{err}"
    );
}
