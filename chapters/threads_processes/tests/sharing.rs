//! Sharing data between threads: the seeds' counter does not compile, a
//! race of two atomic operations loses updates and its fixes do not, and a
//! shared list needs its consumers to wait.

use harness::Timeline;
use harness::cli::{self, Command};
use std::process::Command as Process;
use threads_processes::{EXAMPLE, sharing};

/// The compiler's message as the book shows it: everything before its
/// first `note:` (which names a file inside the toolchain, a path that
/// differs from machine to machine).
const SHOWN_ERROR: &str = "../../src/output/threads_processes/unsynchronised_counter.stderr";

/// The seeds' `a = a + one()` in two threads is refused by the borrow
/// checker, with this one error and no other, worded as the book shows it.
#[test]
fn the_unsynchronised_counter_does_not_compile() {
    let crate_dir = env!("CARGO_MANIFEST_DIR");
    let out_dir = std::env::temp_dir().join(format!("unsynchronised-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let out = Process::new(rustc)
        .current_dir(crate_dir) // so that the message names snippets/...
        .args(["--edition", "2024", "--crate-type", "lib"])
        .args(["--emit", "metadata", "--color", "never", "--out-dir"])
        .arg(&out_dir)
        .arg("snippets/unsynchronised_counter.rs")
        .output()
        .expect("rustc runs");
    let _ = std::fs::remove_dir_all(&out_dir);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "it compiled:\n{stderr}");
    let codes: Vec<&str> = stderr
        .match_indices("error[E")
        .map(|(at, _)| &stderr[at + 6..at + 11])
        .collect();
    assert_eq!(codes, ["E0499"], "{stderr}");
    let before_note = stderr.split("\nnote:").next().unwrap().trim_end();
    let shown = std::fs::read_to_string(std::path::Path::new(crate_dir).join(SHOWN_ERROR))
        .expect("the book's copy of the message");
    assert_eq!(
        before_note,
        shown.trim_end(),
        "the compiler's message has changed: copy it (up to `note:`) into {SHOWN_ERROR}"
    );
}

#[test]
fn fetch_add_and_a_mutex_keep_every_update() {
    for (threads, each) in [(2, 50_000), (4, 20_000)] {
        let expected = threads as i64 * each as i64;
        assert_eq!(sharing::fetch_add(threads, each), expected);
        assert_eq!(sharing::mutex(threads, each), expected);
    }
}

/// Whether the threads overlap, and so lose updates, depends on the
/// machine's load: the test does not count on it, it reports it.
#[test]
fn load_then_store_never_keeps_more_than_was_added() {
    let tl = Timeline::new();
    let kept = sharing::lost_updates(&tl, 2, 200_000);
    assert_eq!(kept.expected, 400_000);
    assert_eq!((kept.fetch_add, kept.mutex), (400_000, 400_000));
    assert!(
        (1..=kept.expected).contains(&kept.load_then_store),
        "{kept:?}"
    );
    eprintln!("{kept}");
    let mut lanes = tl.tasks_with("done");
    lanes.sort();
    assert_eq!(lanes, ["fetch", "load", "mutex"]);
    // One after another: each way counts alone.
    let end = |lane| tl.time_of(lane, "done").unwrap();
    let start = |lane| tl.time_of(lane, "start").unwrap();
    assert!(end("load") <= start("fetch") && end("fetch") <= start("mutex"));
}

#[test]
fn consumers_that_look_once_may_miss_and_waiters_all_get_a_url() {
    let tl = Timeline::new();
    let unit = std::time::Duration::from_millis(50);
    let looked = sharing::unchecked_list(&tl, unit);
    assert!(looked <= sharing::CONSUMERS, "{looked}");
    eprintln!("looking once: {looked} of {}", sharing::CONSUMERS);
    assert_eq!(sharing::waiting_list(&tl, unit), sharing::CONSUMERS);
    // Every waiter ended after the producer's nap, when it filled the list.
    let filled = tl.time_of("prod2", "start").unwrap() + unit;
    for i in 1..=sharing::CONSUMERS {
        let waiter = format!("wait{i}");
        assert!(tl.time_of(&waiter, "done").unwrap() >= filled, "{waiter}");
    }
}

#[test]
fn increments_out_of_range_are_refused() {
    for bad in ["0", "10000001", "many"] {
        let args: Vec<String> = ["--increments", bad].map(String::from).to_vec();
        let error = cli::parse(&EXAMPLE, &args).expect_err(bad);
        assert!(
            error.contains("`--increments` takes a whole number from 1 to 10000000"),
            "{bad}: {error}"
        );
    }
    let args = ["--increments", "5"].map(String::from).to_vec();
    match cli::parse(&EXAMPLE, &args).unwrap() {
        Command::Run(s) => assert_eq!(s.value("--increments"), 5),
        Command::Help => panic!("not help"),
    }
}
