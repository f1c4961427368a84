//! Bad input to the checker gets a clear error and exit code 2, never a panic.

use std::process::Command;

fn exercise(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_exercise"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn unknown_names_and_commands_are_refused_with_what_exists() {
    let (code, _, err) = exercise(&["check", "no_such_exercise"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("there is no exercise `no_such_exercise`; the exercises are: fetch_concurrently, at_most_k, gather_in_order"),
        "{err}"
    );
    let (code, _, err) = exercise(&["hint", "gather_in_order", "99"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("has hints 1 to"), "{err}");
    let (code, _, err) = exercise(&["hint", "gather_in_order", "two"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("must be 1, 2, ..."), "{err}");
    let (code, _, err) = exercise(&["frobnicate"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("Usage: cargo exercise"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn list_and_hint_work_without_building_anything() {
    let (code, out, _) = exercise(&["list"]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("gather_in_order") && out.contains("Progress:"),
        "{out}"
    );
    let (code, out, _) = exercise(&["hint", "first_or_timeout"]);
    assert_eq!(code, Some(0));
    assert!(
        out.starts_with("Hint 1 of 2 for `first_or_timeout`"),
        "{out}"
    );
    assert!(
        out.contains("cargo exercise hint first_or_timeout 2"),
        "{out}"
    );
}
