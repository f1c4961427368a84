//! Reading `cargo test`'s output and telling the student what it means.

use crate::catalog::Exercise;
use std::io::{self, Write};
use std::path::Path;

/// What running an exercise's tests showed.
#[derive(Debug, Default)]
pub struct Outcome {
    pub tests_run: usize,
    /// Each failed check, and why, in the words of its assertion.
    pub failures: Vec<(String, String)>,
    /// The compiler's errors, when the code did not build.
    pub compile_error: Option<String>,
    success: bool,
}

impl Outcome {
    pub fn from_output(success: bool, text: &str) -> Outcome {
        let mut outcome = Outcome {
            success,
            ..Outcome::default()
        };
        outcome.tests_run = text
            .lines()
            .filter_map(|l| {
                l.strip_prefix("running ")?
                    .split_whitespace()
                    .next()?
                    .parse::<usize>()
                    .ok()
            })
            .sum();
        if !success && outcome.tests_run == 0 {
            let errors: Vec<&str> = text
                .lines()
                .skip_while(|l| !l.starts_with("error"))
                .take(40)
                .collect();
            outcome.compile_error = Some(if errors.is_empty() {
                text.trim().to_string()
            } else {
                errors.join("\n")
            });
            return outcome;
        }
        // Each failed test's panics: (the thread that panicked, its message).
        let mut current: Option<(String, Vec<(String, String)>)> = None;
        let mut in_message = false;
        for line in text.lines() {
            if let Some(name) = line
                .strip_prefix("---- ")
                .and_then(|l| l.strip_suffix(" stdout ----"))
            {
                outcome.push(current.take());
                current = Some((name.to_string(), Vec::new()));
                in_message = false;
            } else if line == "failures:" || line.starts_with("test result:") {
                outcome.push(current.take());
                in_message = false;
            } else if let Some((_, messages)) = current.as_mut() {
                if line.starts_with("thread '") && line.contains("panicked at") {
                    let thread = line["thread '".len()..].split('\'').next().unwrap_or("");
                    messages.push((thread.to_string(), String::new()));
                    in_message = true;
                } else if in_message {
                    if line.starts_with("note:") || line.is_empty() {
                        in_message = false;
                    } else if let Some((_, m)) = messages.last_mut() {
                        if !m.is_empty() {
                            m.push(' ');
                        }
                        m.push_str(line.trim());
                    }
                }
            }
        }
        outcome.push(current);
        if !success && outcome.failures.is_empty() {
            outcome.failures.push((
                "(tests)".into(),
                "the tests failed; run them yourself to see why".into(),
            ));
        }
        outcome
    }

    fn push(&mut self, section: Option<(String, Vec<(String, String)>)>) {
        let Some((name, messages)) = section else {
            return;
        };
        // An untouched starter says so plainly. Otherwise the reason is the
        // test's own panic (its thread is named after it), since a check may
        // make tasks panic on purpose and their panics come first; unless
        // the test's panic points "(see above)", to the student's code's
        // panic, or there is none: then the first panic.
        let why = messages
            .iter()
            .find_map(|(_, m)| m.strip_prefix("not yet implemented: "))
            .map(|m| format!("not written yet (the starter still says: \"{m}\")"))
            .or_else(|| {
                let (_, m) = messages
                    .iter()
                    .find(|(thread, m)| {
                        *thread == name && !m.is_empty() && !m.ends_with("(see above)")
                    })
                    .or_else(|| messages.iter().find(|(_, m)| !m.is_empty()))?;
                // The test's own words say more than `left == right`.
                let words = m.strip_prefix("assertion `left == right` failed: ");
                Some(words.unwrap_or(m).to_string())
            })
            .unwrap_or_else(|| "it failed without a message".into());
        self.failures.push((name, why));
    }

    /// Whether a check ran into a starter's `todo!()`.
    pub fn hit_a_todo(&self) -> bool {
        self.failures
            .iter()
            .any(|(_, why)| why.starts_with("not written yet"))
    }

    pub fn passed(&self) -> bool {
        self.success && self.compile_error.is_none() && self.failures.is_empty()
    }

    pub fn summary(&self) -> String {
        match (&self.compile_error, self.failures.first()) {
            (Some(e), _) => format!("it does not compile: {}", e.lines().next().unwrap_or("")),
            (None, Some((test, why))) => format!("{test}: {why}"),
            (None, None) => "all checks pass".into(),
        }
    }
}

/// Writes what a check found, in words.
pub fn print_outcome(out: &mut dyn Write, e: &Exercise, outcome: &Outcome) -> io::Result<()> {
    if let Some(errors) = &outcome.compile_error {
        writeln!(out, "  ✗ it does not compile yet. The compiler says:\n")?;
        for line in errors.lines() {
            writeln!(out, "    {line}")?;
        }
        return writeln!(out);
    }
    if outcome.passed() {
        return writeln!(out, "  ✓ all {} checks pass.\n", outcome.tests_run);
    }
    let failed = outcome.failures.len();
    writeln!(
        out,
        "  ✗ {failed} of {} checks fail:",
        outcome.tests_run.max(failed)
    )?;
    for (test, why) in &outcome.failures {
        writeln!(out, "    - {}: {why}", test.replace('_', " "))?;
    }
    writeln!(out, "  Your code is in {}.", e.starter().display())?;
    writeln!(out, "  Stuck? `cargo exercise hint {}`\n", e.name)
}

/// Writes every exercise with its status from the last check.
pub fn list(out: &mut dyn Write, all: &[Exercise], status: &[(String, bool)]) -> io::Result<()> {
    writeln!(
        out,
        "{:<3} {:<22} {:<26} {:>5}  status",
        "#", "exercise", "chapter", "min"
    )?;
    for (i, e) in all.iter().enumerate() {
        let state = match status.iter().find(|(n, _)| n == &e.name) {
            Some((_, true)) => "passes",
            Some((_, false)) => "fails",
            None => "not checked yet",
        };
        writeln!(
            out,
            "{:<3} {:<22} {:<26} {:>5}  {state}",
            i + 1,
            e.name,
            e.chapter,
            e.minutes
        )?;
    }
    let passed = all
        .iter()
        .filter(|e| status.iter().any(|(n, ok)| n == &e.name && *ok))
        .count();
    writeln!(
        out,
        "\nProgress: {passed} of {} exercises pass. `cargo exercise check NAME` checks one.",
        all.len()
    )
}

fn status_file(root: &Path) -> std::path::PathBuf {
    root.join("target").join("exercise-status.txt")
}

/// The status of each exercise at its last check (`name passes|fails` lines).
pub fn load_status(root: &Path) -> Vec<(String, bool)> {
    std::fs::read_to_string(status_file(root))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (name, state) = l.split_once(' ')?;
            Some((name.to_string(), state == "passes"))
        })
        .collect()
}

pub fn save_status(root: &Path, status: &[(String, bool)]) {
    let text: String = status
        .iter()
        .map(|(n, ok)| format!("{n} {}\n", if *ok { "passes" } else { "fails" }))
        .collect();
    let _ = std::fs::create_dir_all(root.join("target"));
    let _ = std::fs::write(status_file(root), text);
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAILED_RUN: &str = "\
running 2 tests
test a ... ok
test b ... FAILED

failures:

---- b stdout ----

thread '<unnamed>' (7) panicked at starters/x.rs:3:5:
not yet implemented: start every job
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

thread 'b' (6) panicked at tests/x.rs:9:5:
x never returned: it panicked (see above)


failures:
    b

test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.10s
";

    #[test]
    fn a_todo_is_reported_as_not_written_yet() {
        let o = Outcome::from_output(false, FAILED_RUN);
        assert_eq!(o.tests_run, 2);
        assert_eq!(o.failures.len(), 1);
        assert_eq!(o.failures[0].0, "b");
        assert!(
            o.failures[0].1.starts_with("not written yet"),
            "{:?}",
            o.failures
        );
        assert!(o.failures[0].1.contains("start every job"));
        assert!(!o.passed());
    }

    #[test]
    fn an_assertion_message_is_reported_in_its_own_words() {
        let run = FAILED_RUN.replace(
            "not yet implemented: start every job",
            "the jobs ran one after another",
        );
        let o = Outcome::from_output(false, &run);
        assert_eq!(o.failures[0].1, "the jobs ran one after another");
    }

    #[test]
    fn an_equality_check_is_reported_in_its_message_s_words() {
        let run = FAILED_RUN.replace(
            "not yet implemented: start every job",
            "assertion `left == right` failed: the values must be in order",
        );
        let o = Outcome::from_output(false, &run);
        assert!(
            o.failures[0].1.starts_with("the values must be in order"),
            "{:?}",
            o.failures
        );
    }

    #[test]
    fn the_test_s_own_panic_wins_over_a_task_s_panic_before_it() {
        let run = "\
running 1 test
test b ... FAILED

failures:

---- b stdout ----

thread 'tokio-runtime-worker' (12) panicked at tests/b.rs:9:13:
job 955 failed
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

thread 'b' (11) panicked at tests/b.rs:20:5:
a panic is not a cancellation: report its message

failures:
    b

test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.10s
";
        let o = Outcome::from_output(false, run);
        assert_eq!(
            o.failures[0].1,
            "a panic is not a cancellation: report its message"
        );
    }

    #[test]
    fn a_compile_error_is_not_a_test_failure() {
        let o = Outcome::from_output(
            false,
            "   Compiling x\nerror[E0308]: mismatched types\n --> x.rs:1:1\n",
        );
        assert!(
            o.compile_error
                .as_deref()
                .unwrap()
                .starts_with("error[E0308]")
        );
        assert!(o.summary().starts_with("it does not compile"));
    }

    #[test]
    fn a_clean_run_passes() {
        let o = Outcome::from_output(
            true,
            "running 3 tests\n...\ntest result: ok. 3 passed; 0 failed;",
        );
        assert!(o.passed());
        assert_eq!(o.tests_run, 3);
    }
}
