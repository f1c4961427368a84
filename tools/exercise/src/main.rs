//! The exercise checker, run as `cargo exercise` from the repository root.
//!
//! ```text
//! cargo exercise list              every exercise, with its status
//! cargo exercise check [NAME]      check one exercise, or all of them
//! cargo exercise hint NAME [N]     the first hint, or the Nth
//! cargo exercise verify            for teachers and CI: solutions pass, starters fail
//! cargo exercise derive            for teachers: rewrite the starters from the solutions
//! ```

mod catalog;
mod derive;
mod report;

use catalog::Exercise;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
Usage: cargo exercise COMMAND

Commands:
  list              every exercise, with its status from your last check
  check [NAME]      check one exercise, or every exercise
  hint NAME [N]     show the first hint for NAME, or the Nth
  verify            (teachers, CI) every solution passes and every untouched starter fails
  derive            (teachers) rewrite every starter from its solution
  help              print this help

Your code goes in chapters/<chapter>/exercises/starters/<name>.rs.";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[&str]) -> Result<ExitCode, String> {
    let root = root();
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
        [] | ["help"] | ["--help"] | ["-h"] => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        ["list"] => {
            report::list(&exercises, &report::load_status(&root));
            Ok(ExitCode::SUCCESS)
        }
        ["check"] => check(&root, &exercises, exercises.iter().collect()),
        ["check", name] => check(&root, &exercises, vec![find(name)?]),
        ["hint", name] => hint(find(name)?, 1),
        ["hint", name, n] => {
            let n = n
                .parse()
                .map_err(|_| format!("the hint number must be 1, 2, ..., not `{n}`"))?;
            hint(find(name)?, n)
        }
        ["verify"] => verify(&root, &exercises),
        ["derive"] => {
            for e in &exercises {
                let text = starter_of(e)?;
                std::fs::write(e.starter(), text)
                    .map_err(|err| format!("{}: {err}", e.starter().display()))?;
                println!(
                    "wrote {}",
                    e.starter().strip_prefix(&root).unwrap().display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(format!(
            "unknown command or arguments `{}`\n\n{USAGE}",
            args.join(" ")
        )),
    }
}

fn starter_of(e: &Exercise) -> Result<String, String> {
    let solution = std::fs::read_to_string(e.solution())
        .map_err(|err| format!("cannot read the solution {}: {err}", e.solution().display()))?;
    derive::starter(&solution, &e.name).map_err(|err| format!("{}: {err}", e.solution().display()))
}

fn hint(e: &Exercise, n: usize) -> Result<ExitCode, String> {
    let total = e.hints.len();
    let text = n
        .checked_sub(1)
        .and_then(|i| e.hints.get(i))
        .ok_or_else(|| format!("`{}` has hints 1 to {total}, not {n}", e.name))?;
    println!(
        "Hint {n} of {total} for `{}` ({}):\n\n  {text}\n",
        e.name, e.title
    );
    if n < total {
        println!(
            "Stuck still? `cargo exercise hint {} {}` shows the next one.",
            e.name,
            n + 1
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs an exercise's tests against the starter (the student's code) or the
/// solution, and returns what happened.
fn run_tests(root: &Path, e: &Exercise, solution: bool) -> Result<report::Outcome, String> {
    let features = if solution { "check,solutions" } else { "check" };
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
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
        ])
        .args(["--test", &e.name, "--", "--color", "never"])
        .env("RUST_BACKTRACE", "0")
        .output()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(report::Outcome::from_output(output.status.success(), &text))
}

fn check(root: &Path, all: &[Exercise], selected: Vec<&Exercise>) -> Result<ExitCode, String> {
    let mut status = report::load_status(root);
    for e in &selected {
        if !e.starter().is_file() {
            return Err(format!(
                "{} is missing: restore it with `git checkout -- {}`",
                e.starter().display(),
                e.starter().strip_prefix(root).unwrap().display()
            ));
        }
        println!("Checking `{}` ({} min): {}", e.name, e.minutes, e.title);
        let outcome = run_tests(root, e, false)?;
        report::print_outcome(e, &outcome);
        status.retain(|(name, _)| name != &e.name);
        status.push((e.name.clone(), outcome.passed()));
    }
    report::save_status(root, &status);
    let passed = all
        .iter()
        .filter(|e| status.iter().any(|(n, ok)| n == &e.name && *ok))
        .count();
    println!("Progress: {passed} of {} exercises pass.", all.len());
    let failed = selected
        .iter()
        .any(|e| status.iter().any(|(n, ok)| n == &e.name && !ok));
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn verify(root: &Path, all: &[Exercise]) -> Result<ExitCode, String> {
    let (mut passed, mut failed) = (0, 0);
    for e in all {
        let mut problems = Vec::new();
        let derived = starter_of(e)?;
        let committed = std::fs::read_to_string(e.starter()).unwrap_or_default();
        if derived != committed {
            problems.push(
                "the starter is not what the solution gives: run `cargo exercise derive`"
                    .to_string(),
            );
        }
        let solution = run_tests(root, e, true)?;
        if !solution.passed() {
            problems.push(format!("the solution fails: {}", solution.summary()));
        }
        let starter = run_tests(root, e, false)?;
        if starter.passed() {
            problems.push("the untouched starter passes: its tests check nothing".to_string());
        } else if starter.compile_error.is_some() {
            problems.push("the untouched starter does not compile".to_string());
        }
        if e.hints.is_empty() || e.title.is_empty() || e.minutes == 0 {
            problems.push("exercises.txt needs a title, minutes and at least one hint".to_string());
        }
        if problems.is_empty() {
            passed += 1;
            println!(
                "ok     {}: solution passes, starter fails ({} checks)",
                e.name, solution.tests_run
            );
        } else {
            failed += 1;
            println!("FAILED {}", e.name);
            for p in problems {
                println!("    {p}");
            }
        }
    }
    println!("exercises: {passed} passed, {failed} failed");
    Ok(if failed > 0 || passed == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
