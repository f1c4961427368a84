//! Bad input to the checker gets a clear error and exit code 2, never a
//! panic; a closed stdout ends it quietly; it finds the repository at run time.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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
        err.contains("there is no exercise `no_such_exercise`; the exercises are: fetch_concurrently, at_most_k, map_on_pool, stop_a_worker, join_by_hand, park_block_on, schedule_calls, stop_at_first, abort_and_report, local_tasks, reports_as_done, callbacks_to_await, gather_in_order"),
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

#[test]
fn an_argument_that_is_not_utf8_is_an_error_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let out = Command::new(env!("CARGO_BIN_EXE_exercise"))
        .arg("hint")
        .arg(std::ffi::OsStr::from_bytes(b"gather_\xffin_order"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("is not valid UTF-8"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_closed_stdout_ends_quietly() {
    for args in [&["list"][..], &["help"], &["hint", "at_most_k", "2"]] {
        // The reading end is closed before the checker writes a byte, as
        // `cargo exercise list | true` may do.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_exercise"))
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?} wrote to stderr: {err}");
    }
}

/// The repository this test was built in.
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Copies what `list` and `hint` read (the workspace manifest, the table of
/// contents, each chapter's exercises.txt and Cargo.toml) to a new folder.
fn copy_of_the_repository(to: &Path) {
    let from = repository();
    let _ = std::fs::remove_dir_all(to);
    let mut files = vec![PathBuf::from("Cargo.toml"), PathBuf::from("src/SUMMARY.md")];
    for chapter in std::fs::read_dir(from.join("chapters")).unwrap() {
        let exercises = chapter.unwrap().path().join("exercises");
        if exercises.join("exercises.txt").is_file() {
            let relative = exercises.strip_prefix(&from).unwrap();
            files.push(relative.join("exercises.txt"));
            files.push(relative.join("Cargo.toml"));
        }
    }
    for file in files {
        std::fs::create_dir_all(to.join(&file).parent().unwrap()).unwrap();
        std::fs::copy(from.join(&file), to.join(&file)).unwrap();
    }
}

#[test]
fn the_repository_is_found_at_run_time_where_it_now_is() {
    let moved = std::env::temp_dir().join(format!("exercise-moved-{}", std::process::id()));
    copy_of_the_repository(&moved);
    // Mark the copy, to tell which repository the checker read.
    let list = moved.join("chapters/gather_wait/exercises/exercises.txt");
    let text = std::fs::read_to_string(&list).unwrap();
    let marked = text.replacen(
        "title: The first result",
        "title: (moved copy) The first result",
        1,
    );
    assert_ne!(
        text, marked,
        "the title to mark has changed: update this test"
    );
    std::fs::write(&list, marked).unwrap();

    // From a folder below the root, as a student in chapters/ would run it.
    let out = Command::new(env!("CARGO_BIN_EXE_exercise"))
        .args(["hint", "first_or_timeout"])
        .current_dir(moved.join("chapters/gather_wait"))
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("(moved copy)"),
        "it read another repository: {stdout}"
    );
    std::fs::remove_dir_all(&moved).unwrap();

    // From a folder outside any repository: the one it was built in.
    let elsewhere = std::env::temp_dir().join(format!("exercise-elsewhere-{}", std::process::id()));
    std::fs::create_dir_all(&elsewhere).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_exercise"))
        .arg("list")
        .current_dir(&elsewhere)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&elsewhere).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("gather_in_order"));
}
