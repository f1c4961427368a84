//! The exercise checker, run as `cargo exercise` inside the repository.
//!
//! ```text
//! cargo exercise list              every exercise, with its status
//! cargo exercise check [NAME]      check one exercise, or all of them
//! cargo exercise hint NAME [N]     the first hint, or the Nth
//! cargo exercise verify            for teachers and CI: solutions pass, starters
//!                                  and wrong answers fail
//! cargo exercise derive            for teachers: rewrite the starters from the solutions
//! ```

mod catalog;
mod derive;
mod repo;
mod report;
mod verify;

use catalog::{Exercise, WrongAnswer};
use std::ffi::OsString;
use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, ExitCode};

const USAGE: &str = "\
Usage: cargo exercise COMMAND

Commands:
  list              every exercise, with its status from your last check
  check [NAME]      check one exercise, or every exercise
  hint NAME [N]     show the first hint for NAME, or the Nth
  verify            (teachers, CI) every solution passes, every untouched starter
                    and every wrong answer (wrong/NAME/*.rs) fails
  derive            (teachers) rewrite every starter from its solution
  help              print this help

Your code goes in chapters/<chapter>/exercises/starters/<name>.rs.";

/// The thread counts the checks run with, whatever the machine's cores: one
/// thread for async tasks, eight in each blocking pool. The same as
/// `exercise_support::PINNED_THREADS`, which refuses to run the checks
/// without them (a test below keeps the two equal).
const PINNED_THREADS: [(&str, &str); 3] = [
    ("ASYNC_STD_THREAD_COUNT", "1"),
    ("SMOL_THREADS", "1"),
    ("BLOCKING_MAX_THREADS", "8"),
];

/// Names the wrong answer an exercises crate builds instead of a starter
/// (read by tools/exercise-support/select_modules.rs).
const WRONG_ANSWER_VARIABLE: &str = "EXERCISE_WRONG_ANSWER";

/// Why the checker stopped early.
enum Stop {
    /// A mistake in the command or the repository: said on stderr, exit 2.
    Error(String),
    /// Whoever read the output has gone (`| head`): end quietly.
    Closed,
}

impl From<String> for Stop {
    fn from(message: String) -> Stop {
        Stop::Error(message)
    }
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Stop {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Stop::Closed
        } else {
            Stop::Error(format!("cannot write the output: {e}"))
        }
    }
}

fn main() -> ExitCode {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = arguments(std::env::args_os().skip(1)).and_then(|args| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&mut out, &args)
    });
    match result.and_then(|code| out.flush().map(|()| code).map_err(Stop::from)) {
        Ok(code) => code,
        Err(Stop::Closed) => ExitCode::SUCCESS,
        Err(Stop::Error(message)) => {
            // stderr may be closed too: then there is no one left to tell.
            let _ = writeln!(io::stderr(), "error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The arguments as text; one that is not valid UTF-8 is an error.
fn arguments(raw: impl Iterator<Item = OsString>) -> Result<Vec<String>, Stop> {
    raw.map(|arg| {
        arg.into_string().map_err(|bad| {
            Stop::Error(format!(
                "the argument {bad:?} is not valid UTF-8; commands and exercise names are plain \
                 text (see `cargo exercise help`)"
            ))
        })
    })
    .collect()
}

fn run(out: &mut dyn Write, args: &[&str]) -> Result<ExitCode, Stop> {
    if matches!(args, [] | ["help"] | ["--help"] | ["-h"]) {
        writeln!(out, "{USAGE}")?;
        return Ok(ExitCode::SUCCESS);
    }
    let root = repo::find()?;
    let exercises = catalog::load(&root)?;
    let find = |name: &str| -> Result<&Exercise, String> {
        exercises.iter().find(|e| e.name == name).ok_or_else(|| {
            let names: Vec<&str> = exercises.iter().map(|e| e.name.as_str()).collect();
            format!(
                "there is no exercise `{name}`; the exercises are: {}",
                names.join(", ")
            )
        })
    };
    match args {
        ["list"] => {
            report::list(out, &exercises, &report::load_status(&root))?;
            Ok(ExitCode::SUCCESS)
        }
        ["check"] => check(out, &root, &exercises, exercises.iter().collect()),
        ["check", name] => check(out, &root, &exercises, vec![find(name)?]),
        ["hint", name] => hint(out, find(name)?, 1),
        ["hint", name, n] => {
            let n = n
                .parse()
                .map_err(|_| format!("the hint number must be 1, 2, ..., not `{n}`"))?;
            hint(out, find(name)?, n)
        }
        ["verify"] => verify::verify(out, &root, &exercises),
        ["derive"] => {
            for e in &exercises {
                let text = starter_of(e)?;
                std::fs::write(e.starter(), text)
                    .map_err(|err| format!("{}: {err}", e.starter().display()))?;
                writeln!(out, "wrote {}", relative(&root, &e.starter()))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(Stop::Error(format!(
            "unknown command or arguments `{}`\n\n{USAGE}",
            args.join(" ")
        ))),
    }
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn starter_of(e: &Exercise) -> Result<String, String> {
    let solution = std::fs::read_to_string(e.solution())
        .map_err(|err| format!("cannot read the solution {}: {err}", e.solution().display()))?;
    derive::starter(&solution, &e.name).map_err(|err| format!("{}: {err}", e.solution().display()))
}

fn hint(out: &mut dyn Write, e: &Exercise, n: usize) -> Result<ExitCode, Stop> {
    let total = e.hints.len();
    let text = n
        .checked_sub(1)
        .and_then(|i| e.hints.get(i))
        .ok_or_else(|| format!("`{}` has hints 1 to {total}, not {n}", e.name))?;
    writeln!(
        out,
        "Hint {n} of {total} for `{}` ({}):\n\n  {text}\n",
        e.name, e.title
    )?;
    if n < total {
        writeln!(
            out,
            "Stuck still? `cargo exercise hint {} {}` shows the next one.",
            e.name,
            n + 1
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What an exercise's module is built from for a run of its tests.
enum Build<'a> {
    /// `starters/NAME.rs`: the student's code.
    Starter,
    Solution,
    Wrong(&'a WrongAnswer),
}

/// Runs an exercise's tests against the starter, the solution or a wrong
/// answer, and returns what happened.
fn run_tests(root: &Path, e: &Exercise, build: Build) -> Result<report::Outcome, Stop> {
    let output = cargo_test(root, e, &build)
        .args(["--", "--color", "never"])
        .output()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(report::Outcome::from_output(output.status.success(), &text))
}

/// `cargo test` for one exercise's checks, built from the starter, the
/// solution or a wrong answer, with the thread counts the checks want.
fn cargo_test(root: &Path, e: &Exercise, build: &Build) -> Command {
    let features = match build {
        Build::Solution => "check,solutions",
        Build::Starter | Build::Wrong(_) => "check",
    };
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo
        .current_dir(root)
        .args([
            "test",
            "--quiet",
            "--color",
            "never",
            "--package",
            &e.package,
            "--features",
            features,
            "--test",
            &e.name,
        ])
        .env("RUST_BACKTRACE", "0")
        .envs(PINNED_THREADS);
    match build {
        Build::Wrong(wrong) => {
            cargo.env(WRONG_ANSWER_VARIABLE, format!("{}/{}", e.name, wrong.name))
        }
        Build::Starter | Build::Solution => cargo.env_remove(WRONG_ANSWER_VARIABLE),
    };
    cargo
}

fn check(
    out: &mut dyn Write,
    root: &Path,
    all: &[Exercise],
    selected: Vec<&Exercise>,
) -> Result<ExitCode, Stop> {
    let mut status = report::load_status(root);
    for e in &selected {
        if !e.starter().is_file() {
            return Err(Stop::Error(format!(
                "{} is missing: restore it with `git checkout -- {}`",
                e.starter().display(),
                relative(root, &e.starter())
            )));
        }
        writeln!(
            out,
            "Checking `{}` ({} min): {}",
            e.name, e.minutes, e.title
        )?;
        out.flush()?;
        let outcome = run_tests(root, e, Build::Starter)?;
        report::print_outcome(out, e, &outcome)?;
        status.retain(|(name, _)| name != &e.name);
        status.push((e.name.clone(), outcome.passed()));
        report::save_status(root, &status);
    }
    let passed = all
        .iter()
        .filter(|e| status.iter().any(|(n, ok)| n == &e.name && *ok))
        .count();
    writeln!(out, "Progress: {passed} of {} exercises pass.", all.len())?;
    let failed = selected
        .iter()
        .any(|e| status.iter().any(|(n, ok)| n == &e.name && !ok));
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A line of at most `width` characters.
fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let cut: String = text.chars().take(width - 1).collect();
    format!("{cut}…")
}

/// For each exercise: the starter is what the solution gives, the solution
/// passes, the untouched starter fails, and each wrong answer compiles and
/// fails. One line per solution and per wrong answer.
/// What is wrong with an exercise's statement, solution and starter, and
/// how many checks the solution ran.
fn solution_and_starter(
    e: &Exercise,
    solution: report::Outcome,
    starter: report::Outcome,
) -> Result<(Vec<String>, usize), Stop> {
    let mut problems = Vec::new();
    let derived = starter_of(e)?;
    let committed = std::fs::read_to_string(e.starter()).unwrap_or_default();
    if derived != committed {
        problems.push(
            "the starter is not what the solution gives: run `cargo exercise derive`".to_string(),
        );
    }
    if e.hints.is_empty() || e.title.is_empty() || e.minutes == 0 {
        problems.push("exercises.txt needs a title, minutes and at least one hint".to_string());
    }
    if !solution.passed() {
        problems.push(format!("the solution fails: {}", solution.summary()));
    }
    if starter.passed() {
        problems.push("the untouched starter passes: its tests check nothing".to_string());
    } else if starter.compile_error.is_some() {
        problems.push("the untouched starter does not compile".to_string());
    }
    Ok((problems, solution.tests_run))
}

/// Why a wrong answer's run proves nothing, if it does not: it must be
/// explained, compile, and fail a check with its own mistake.
fn wrong_answer_problem(
    root: &Path,
    wrong: &WrongAnswer,
    outcome: &report::Outcome,
) -> Option<String> {
    if !wrong.is_explained() {
        return Some(format!(
            "{} must start with a `//!` comment: what mistake it makes, and why a student \
             would write it",
            relative(root, &wrong.file)
        ));
    }
    if let Some(errors) = &outcome.compile_error {
        return Some(format!(
            "it does not compile, so it proves nothing: {}",
            errors.lines().next().unwrap_or_default()
        ));
    }
    if outcome.passed() {
        return Some("it passes every check: the checks miss the mistake it makes".to_string());
    }
    if outcome.hit_a_todo() {
        return Some("the starter was built instead of it (a `todo!()` ran)".to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A wrong answer file with `text`, in a folder of its own for `test`.
    fn wrong_answer(test: &str, text: &str) -> (WrongAnswer, PathBuf) {
        let folder = std::env::temp_dir().join(format!("exercise-{test}-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let file = folder.join("w.rs");
        std::fs::write(&file, text).unwrap();
        let wrong = WrongAnswer {
            name: "w".into(),
            file,
        };
        (wrong, folder)
    }

    #[test]
    fn the_checks_get_the_thread_counts_exercise_support_wants() {
        assert_eq!(PINNED_THREADS, exercise_support::PINNED_THREADS);
    }

    const FAILED: &str = "running 1 test\n\n---- a stdout ----\n\nthread 'a' panicked at t.rs:1:1:\nit ran one at a time\n\ntest result: FAILED. 0 passed; 1 failed;";

    #[test]
    fn a_wrong_answer_must_fail_a_check_with_its_own_mistake() {
        let (wrong, folder) = wrong_answer("fails", "//! Wrong: it awaits each request in turn.\n");
        let root = Path::new("/");
        let failing = report::Outcome::from_output(false, FAILED);
        assert_eq!(wrong_answer_problem(root, &wrong, &failing), None);

        let passing = report::Outcome::from_output(true, "running 1 test\ntest result: ok.");
        let problem = wrong_answer_problem(root, &wrong, &passing).unwrap();
        assert!(problem.contains("passes every check"), "{problem}");

        let broken = report::Outcome::from_output(false, "error[E0425]: cannot find value");
        let problem = wrong_answer_problem(root, &wrong, &broken).unwrap();
        assert!(problem.contains("does not compile"), "{problem}");

        let todo = report::Outcome::from_output(
            false,
            &FAILED.replace("it ran one at a time", "not yet implemented: write me"),
        );
        let problem = wrong_answer_problem(root, &wrong, &todo).unwrap();
        assert!(problem.contains("the starter was built"), "{problem}");
        std::fs::remove_dir_all(folder).unwrap();
    }

    #[test]
    fn a_wrong_answer_must_say_what_is_wrong_with_it() {
        let (wrong, folder) = wrong_answer("unexplained", "use std::io;\n");
        let failing = report::Outcome::from_output(false, FAILED);
        let problem = wrong_answer_problem(Path::new("/"), &wrong, &failing).unwrap();
        assert!(
            problem.contains("must start with a `//!` comment"),
            "{problem}"
        );
        std::fs::remove_dir_all(folder).unwrap();
    }
}
