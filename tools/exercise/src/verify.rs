//! `cargo exercise verify`, for teachers and CI: every solution passes,
//! every untouched starter fails, and every kept wrong answer fails.
//!
//! That is about two hundred test programs. Building one takes a second of
//! CPU; running one is mostly waiting on timers. So one thread builds them in
//! turn (cargo builds one at a time in a target directory) and copies each
//! program aside, while [`RUNNERS`] threads run the programs already built.
//! The report comes out in the same order as a one-at-a-time run would give.

use crate::catalog::{Exercise, WrongAnswer};
use crate::report::Outcome;
use crate::{Build, PINNED_THREADS, Stop, WRONG_ANSWER_VARIABLE, relative};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::{Arc, Mutex, mpsc};

/// How many test programs run at once. Two keeps a 2-core laptop's checks
/// honest: every check is written to pass with two busy loops beside it.
const RUNNERS: usize = 2;

/// One test program to build and run.
struct Job<'a> {
    index: usize,
    exercise: &'a Exercise,
    build: Build<'a>,
}

/// A built test program, or the outcome of a build that failed.
enum Built<'a> {
    Program(&'a Exercise, Build<'a>, PathBuf),
    Failed(Outcome),
}

pub fn verify(out: &mut dyn Write, root: &Path, all: &[Exercise]) -> Result<ExitCode, Stop> {
    let wrong: Vec<Vec<WrongAnswer>> = all.iter().map(Exercise::wrong_answers).collect();
    let mut jobs = Vec::new();
    for (e, wrong) in all.iter().zip(&wrong) {
        let builds = [Build::Solution, Build::Starter]
            .into_iter()
            .chain(wrong.iter().map(Build::Wrong));
        for build in builds {
            let index = jobs.len();
            jobs.push(Job {
                index,
                exercise: e,
                build,
            });
        }
    }
    let total = jobs.len();
    let programs = std::env::temp_dir().join(format!("exercise-verify-{}", std::process::id()));
    std::fs::create_dir_all(&programs)
        .map_err(|err| format!("cannot make {}: {err}", programs.display()))?;

    let result = std::thread::scope(|scope| -> Result<ExitCode, Stop> {
        let (built_tx, built_rx) = mpsc::channel::<(usize, Built)>();
        let (done_tx, done_rx) = mpsc::channel::<(usize, Outcome)>();
        let builder = {
            let programs = &programs;
            scope.spawn(move || -> Result<(), String> {
                for job in jobs {
                    let built = build(root, programs, job.exercise, job.build, job.index)?;
                    if built_tx.send((job.index, built)).is_err() {
                        break; // the report stopped (its reader went away)
                    }
                }
                Ok(())
            })
        };
        let built_rx = Arc::new(Mutex::new(built_rx));
        for _ in 0..RUNNERS {
            let (built_rx, done_tx) = (Arc::clone(&built_rx), done_tx.clone());
            scope.spawn(move || {
                loop {
                    // The guard is dropped at the end of this statement, so
                    // the other runner can take a program while this one runs.
                    let next = built_rx.lock().expect("a runner panicked").recv();
                    let Ok((index, built)) = next else { break };
                    let outcome = match built {
                        Built::Program(e, build, program) => {
                            let outcome = run(e, &build, &program);
                            let _ = std::fs::remove_file(&program);
                            outcome
                        }
                        Built::Failed(outcome) => outcome,
                    };
                    if done_tx.send((index, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        // When the report stops early, the runners' sends fail, they end and
        // drop the receiver, and then the builder's send fails and it ends.
        drop((done_tx, built_rx));
        let report = report_in_order(out, root, all, &wrong, done_rx, total);
        match builder.join().expect("the builder panicked") {
            Err(message) => Err(Stop::Error(message)),
            Ok(()) => report,
        }
    });
    let _ = std::fs::remove_dir_all(&programs);
    result
}

/// Builds one test program with `cargo test --no-run` and copies it to
/// `programs`, so the next build can replace cargo's copy while it runs.
fn build<'a>(
    root: &Path,
    programs: &Path,
    e: &'a Exercise,
    build: Build<'a>,
    index: usize,
) -> Result<Built<'a>, String> {
    let mut cargo = crate::cargo_test(root, e, &build);
    cargo.args(["--no-run", "--message-format", "json-render-diagnostics"]);
    let output = cargo
        .output()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let executable = stdout
        .lines()
        .filter(|l| l.contains("\"reason\":\"compiler-artifact\""))
        .find_map(|l| {
            let rest = &l[l.find("\"executable\":\"")? + "\"executable\":\"".len()..];
            Some(rest[..rest.find('"')?].to_string())
        });
    let Some(executable) = executable.filter(|_| output.status.success()) else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Ok(Built::Failed(Outcome::from_output(false, &stderr)));
    };
    let copy = programs.join(format!("{index}-{}", e.name));
    std::fs::copy(&executable, &copy)
        .map_err(|err| format!("cannot copy {executable} to {}: {err}", copy.display()))?;
    Ok(Built::Program(e, build, copy))
}

/// Runs a built test program as `cargo test` would: from the crate's folder,
/// with the checks' thread counts.
fn run(e: &Exercise, build: &Build, program: &Path) -> Outcome {
    let mut command = Command::new(program);
    command
        .args(["--color", "never"])
        .current_dir(&e.dir)
        .env("RUST_BACKTRACE", "0")
        .envs(PINNED_THREADS)
        .env_remove(WRONG_ANSWER_VARIABLE);
    if let Build::Wrong(wrong) = build {
        command.env(WRONG_ANSWER_VARIABLE, format!("{}/{}", e.name, wrong.name));
    }
    match command.output() {
        Ok(output) => Outcome::from_output(
            output.status.success(),
            &format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
        ),
        Err(err) => Outcome::from_output(false, &format!("error: cannot run the checks: {err}")),
    }
}

/// Prints each exercise's lines once all its programs have run, in order.
fn report_in_order(
    out: &mut dyn Write,
    root: &Path,
    all: &[Exercise],
    wrong: &[Vec<WrongAnswer>],
    done: mpsc::Receiver<(usize, Outcome)>,
    total: usize,
) -> Result<ExitCode, Stop> {
    let mut outcomes = BTreeMap::new();
    let (mut passed, mut failed, mut first) = (0, 0, 0);
    for (e, wrong) in all.iter().zip(wrong) {
        let count = 2 + wrong.len();
        while (first..first + count).any(|i| !outcomes.contains_key(&i)) {
            match done.recv() {
                Ok((index, outcome)) => outcomes.insert(index, outcome),
                // The builder stopped early: its error is the one to report.
                Err(_) => return Ok(ExitCode::FAILURE),
            };
        }
        let mut mine: Vec<Outcome> = (first..first + count)
            .map(|i| outcomes.remove(&i).expect("collected above"))
            .collect();
        first += count;
        let wrong_outcomes = mine.split_off(2);
        let starter = mine.pop().expect("two outcomes");
        let solution = mine.pop().expect("two outcomes");
        let (problems, checks) = crate::solution_and_starter(e, solution, starter)?;
        let mut ok = problems.is_empty();
        if ok {
            writeln!(
                out,
                "ok     {}: solution passes, starter fails ({checks} checks)",
                e.name
            )?;
        } else {
            writeln!(out, "FAILED {}", e.name)?;
            for p in problems {
                writeln!(out, "    {p}")?;
            }
        }
        if wrong.is_empty() {
            ok = false;
            writeln!(
                out,
                "FAILED {}: no wrong answer in {}: keep at least one beside the solution",
                e.name,
                relative(root, &e.dir.join("wrong").join(&e.name))
            )?;
        }
        for (w, outcome) in wrong.iter().zip(&wrong_outcomes) {
            let label = format!("{}/{}", e.name, w.name);
            match crate::wrong_answer_problem(root, w, outcome) {
                None => {
                    let failures = outcome.failures.len();
                    let line = format!(
                        "ok     {label}: wrong answer fails {failures} of {} checks: {}",
                        outcome.tests_run.max(failures),
                        outcome.summary()
                    );
                    writeln!(out, "{}", crate::shorten(&line, 200))?;
                }
                Some(problem) => {
                    ok = false;
                    writeln!(out, "FAILED {label}: {problem}")?;
                }
            }
        }
        out.flush()?;
        if ok {
            passed += 1;
        } else {
            failed += 1;
        }
    }
    debug_assert_eq!(first, total);
    writeln!(out, "exercises: {passed} passed, {failed} failed")?;
    Ok(if failed > 0 || passed == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
