//! Every example in `examples/` runs on every runtime, prints JSON when asked,
//! and refuses bad flags with a message that says what to do.

mod support;
use std::process::{Command, Output};
use support::*;

/// Examples with a command line of their own rather than the harness's (no
/// --scenario or --unit-ms): their own crates test their runs on each
/// runtime; here they are held to the rest (--runtime, --help, bad flags,
/// a closed stdout, arguments that are not UTF-8).
const OWN_CLI: &[&str] = &["crawler"];

#[test]
fn every_example_runs_on_all_runtimes() {
    let names = example_names();
    assert!(!names.is_empty());
    for name in names.into_iter().filter(|n| !OWN_CLI.contains(&n.as_str())) {
        let unit = shortest_unit(&name);
        let out = run_example(&name, &["--runtime", "all", "--unit-ms", &unit]);
        let stdout = text(&out.stdout);
        assert!(out.status.success(), "{name} failed: {}", text(&out.stderr));
        for runtime in ["tokio", "async-std", "smol"] {
            assert!(
                stdout.contains(runtime),
                "{name}: no {runtime} run in\n{stdout}"
            );
        }
        assert!(
            stdout.lines().all(|l| l.chars().count() <= 80),
            "{name}: a line is wider than 80 columns"
        );
    }
}

#[test]
fn trace_json_prints_one_object_per_event() {
    for name in example_names() {
        if OWN_CLI.contains(&name.as_str()) {
            continue; // no timeline to trace
        }
        let out = run_example(
            &name,
            &[
                "--trace",
                "json",
                "--unit-ms",
                &shortest_unit(&name),
                "--runtime",
                "smol",
            ],
        );
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(stdout.lines().count() > 3, "{name}: {stdout}");
        for line in stdout.lines() {
            // Scenarios without an async runtime (threads, processes) run whatever --runtime says.
            assert!(line.starts_with("{\"runtime\":\""), "{name}: {line}");
            for other in ["tokio", "tokio-ct", "async-std"] {
                assert!(
                    !line.starts_with(&format!("{{\"runtime\":\"{other}\"")),
                    "{name}: {line}"
                );
            }
            assert!(line.contains(",\"scenario\":\""), "{name}: {line}");
            for key in ["\"task\":", "\"event\":", "\"at_ms\":"] {
                assert!(line.contains(key), "{name}: no {key} in {line}");
            }
            assert!(line.ends_with('}'), "{name}: {line}");
        }
        assert!(stdout.contains("\"event\":\"returned\""), "{name}");
        assert!(
            stdout.contains("{\"runtime\":\"smol\""),
            "{name}: no smol run"
        );
    }
}

#[test]
fn bad_flags_exit_non_zero_and_say_what_is_allowed() {
    for name in example_names() {
        for (args, hint) in [
            (
                &["--runtime", "glommio"][..],
                "unknown runtime `glommio`; use tokio, ",
            ),
            (&["--bogus"][..], "allowed: --runtime"),
            (&["--unit-ms", "fast"][..], "whole number"),
            (&["--scenario", "nope"][..], "use one of:"),
            (&["--unit-ms", "0"][..], "takes a whole number from"),
        ] {
            if OWN_CLI.contains(&name.as_str()) && args[0] != "--runtime" && args[0] != "--bogus" {
                continue;
            }
            let out = run_example(&name, args);
            let stderr = text(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{name} {args:?}: {stderr}");
            assert!(stderr.contains(hint), "{name} {args:?}: {stderr}");
            assert!(stderr.contains("--help"), "{name} {args:?}: {stderr}");
            assert!(out.stdout.is_empty(), "{name} {args:?} printed to stdout");
        }
    }
}

#[test]
fn help_says_how_to_run_it() {
    for name in example_names() {
        let out = run_example(&name, &["--help"]);
        assert!(out.status.success());
        let help = text(&out.stdout);
        assert!(
            help.contains(&format!("cargo run --example {name}")),
            "{help}"
        );
        assert!(help.contains("--runtime"), "{help}");
        assert!(
            help.lines().all(|l| l.chars().count() <= 80),
            "{name}: a --help line is wider than 80 columns:\n{help}"
        );
    }
}

#[test]
fn every_example_opens_with_a_doc_comment_giving_the_command() {
    for name in example_names() {
        let source = std::fs::read_to_string(root().join(format!("examples/{name}.rs"))).unwrap();
        assert!(
            source.starts_with("//! "),
            "{name}.rs should open with a //! comment"
        );
        assert!(
            source.contains(&format!("cargo run --example {name}")),
            "{name}.rs should give its command"
        );
    }
}

/// The shortest `--unit-ms` an example accepts, as its `--help` says
/// ("one delay unit in ms, MIN to MAX"), but at least 10 so that runs stay
/// readable.
fn shortest_unit(name: &str) -> String {
    let help = text(&run_example(name, &["--help"]).stdout);
    let min: u64 = help
        .split("one delay unit in ms, ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{name}: no unit range in --help:\n{help}"));
    min.max(10).to_string()
}

#[test]
fn a_unit_too_short_for_the_scenarios_is_refused() {
    let out = run_example("gather_vs_wait", &["--unit-ms", "5"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("too short for gather_vs_wait"), "{stderr}");
}

/// Runs an example whose stdout is a pipe nobody reads any more, as in
/// `cargo run --example NAME | head -0`.
fn run_with_closed_stdout(name: &str, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Command::new(example_binary(name))
        .args(args)
        .current_dir(root())
        .stdout(writer)
        .output()
        .unwrap()
}

#[test]
fn a_closed_stdout_ends_quietly() {
    for name in example_names() {
        let unit = if OWN_CLI.contains(&name.as_str()) {
            String::new()
        } else {
            shortest_unit(&name)
        };
        let run = if unit.is_empty() {
            ["--runtime", "smol", "--pages", "50"]
        } else {
            ["--runtime", "smol", "--unit-ms", unit.as_str()]
        };
        for args in [&["--help"][..], &run[..]] {
            let out = run_with_closed_stdout(&name, args);
            let stderr = text(&out.stderr);
            assert!(!stderr.contains("panicked"), "{name} {args:?}: {stderr}");
            assert_eq!(out.status.code(), Some(0), "{name} {args:?}: {stderr}");
        }
    }
}

#[test]
fn an_argument_that_is_not_utf8_is_refused_with_a_message() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"--runtime=\xff");
    for name in example_names() {
        let out = Command::new(example_binary(&name))
            .arg(bad)
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains("not valid UTF-8"), "{name}: {stderr}");
    }
}

#[test]
fn ctrl_c_keeps_what_already_ran() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    // one_by_one takes 6 units on each runtime: tokio's line must be out
    // while async-std is still running.
    let mut child = Command::new(example_binary("gather_vs_wait"))
        .args(["--scenario", "one_by_one", "--unit-ms", "200"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        seen.push(line.clone());
        if line.starts_with("tokio ") {
            break;
        }
    }
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    child.wait().unwrap();
    assert!(
        seen.last().is_some_and(|l| l.contains("[3, 1, 2]")),
        "tokio's result never came: {seen:?}"
    );
    // Interrupted while async-std was running: its line and smol's never came.
    assert!(
        !rest.iter().any(|l| l.starts_with("smol ")),
        "every runtime had run before tokio's line was printed: {rest:?}"
    );
}

#[test]
fn too_low_an_open_file_limit_is_explained_before_the_run() {
    // `ulimit -n 256` in a shell, as a student's laptop might have it.
    let binary = example_binary("blocking_in_async");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -n 256 && exec '{}' --scenario async_get --tasks 1000 --runtime smol",
            binary.display()
        ))
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("ulimit -n 4096"), "{stdout}");
    assert!(!stdout.contains("os error 24"), "{stdout}");
}
