//! Every example in `examples/` runs on every runtime, prints JSON when asked,
//! and refuses bad flags with a message that says what to do.

mod support;
use support::*;

#[test]
fn every_example_runs_on_all_runtimes() {
    let names = example_names();
    assert!(!names.is_empty());
    for name in names {
        let out = run_example(&name, &["--runtime", "all", "--unit-ms", "10"]);
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
        let out = run_example(
            &name,
            &["--trace", "json", "--unit-ms", "10", "--runtime", "smol"],
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
        ] {
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
