//! The table of `cargo bench --bench tasks_scale` that the chapter shows
//! (src/bench/tasks_scale.txt) has the shape the page describes. Its
//! absolute numbers belong to the machine it ran on; these checks are on
//! ratios, which hold on any machine that runs the bench quietly. Re-run
//! the bench to update it: `(echo '$ cargo bench --bench tasks_scale';
//! cargo bench -q --bench tasks_scale) > src/bench/tasks_scale.txt`.

use std::collections::HashMap;

const RUNTIMES: [&str; 3] = ["tokio", "async-std", "smol"];
const SIZES: [u64; 4] = [1_000, 10_000, 100_000, 1_000_000];

/// One cell: the time against the ideal (`x`) and the bytes per task.
#[derive(Clone, Copy, Debug)]
struct Cell {
    x: f64,
    bytes: f64,
}

/// (runtime, tasks) -> (bare, recorded)
fn table() -> HashMap<(String, u64), (Cell, Option<Cell>)> {
    let text = include_str!("../../../src/bench/tasks_scale.txt");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("$ cargo bench --bench tasks_scale"));
    let mut rows = HashMap::new();
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(tasks) = words.get(1).and_then(|w| w.parse::<u64>().ok()) else {
            continue; // the header and the notes
        };
        let cell = |at: usize| Cell {
            x: words[at + 2].parse().unwrap(),
            bytes: words[at + 3].parse().unwrap(),
        };
        // runtime tasks TIME ms x B/task [TIME ms x B/task]
        let recorded = (words.len() >= 10).then(|| cell(6));
        rows.insert((words[0].to_string(), tasks), (cell(2), recorded));
    }
    rows
}

fn row(t: &HashMap<(String, u64), (Cell, Option<Cell>)>, rt: &str, n: u64) -> (Cell, Option<Cell>) {
    *t.get(&(rt.to_string(), n))
        .unwrap_or_else(|| panic!("the table has no row for {rt} at {n} tasks"))
}

#[test]
fn every_runtime_and_size_is_there_bare_and_recorded() {
    let t = table();
    for rt in RUNTIMES {
        for n in SIZES {
            assert!(row(&t, rt, n).1.is_some(), "{rt} {n}: no recorded run");
        }
    }
    for n in [1_000, 10_000] {
        row(&t, "threads", n);
    }
}

#[test]
fn a_million_tasks_wait_together_and_cost_a_few_hundred_bytes_each() {
    let t = table();
    for rt in RUNTIMES {
        let (bare, _) = row(&t, rt, 1_000_000);
        assert!(
            bare.x < 2.0,
            "{rt}: a million sleeps took {}x one sleep",
            bare.x
        );
        assert!(bare.bytes < 1_000.0, "{rt}: {} B per task", bare.bytes);
    }
}

#[test]
fn a_thread_costs_many_times_a_task() {
    let t = table();
    let thread = row(&t, "threads", 10_000).0.bytes;
    for rt in RUNTIMES {
        let task = row(&t, rt, 10_000).0.bytes;
        assert!(
            thread > 5.0 * task,
            "{rt}: a thread {thread} B, a task {task} B"
        );
    }
}

#[test]
fn recording_the_timeline_stays_within_ten_percent_of_the_bare_run() {
    let t = table();
    for rt in RUNTIMES {
        for n in SIZES {
            let (bare, recorded) = row(&t, rt, n);
            let recorded = recorded.unwrap();
            let time = recorded.x / bare.x;
            let memory = recorded.bytes / bare.bytes;
            assert!(
                (0.9..=1.1).contains(&time),
                "{rt} {n}: recorded/bare time {time:.2} (re-run the bench on a quiet machine)"
            );
            // At 1,000 tasks the whole run adds under 1 MB, and the runtime's
            // own start (its threads' stacks, its allocator) moves that by a
            // tenth from run to run: only a wider band is a fair test there.
            let band = if n >= 10_000 { 0.1 } else { 0.25 };
            assert!(
                (1.0 - band..=1.0 + band).contains(&memory),
                "{rt} {n}: recorded/bare memory {memory:.2}"
            );
        }
    }
}

#[test]
fn asyncio_if_measured_costs_more_than_every_rust_runtime() {
    let t = table();
    let Some(&(asyncio, _)) = t.get(&("asyncio".to_string(), 1_000_000)) else {
        return; // the bench ran without python3: nothing to compare
    };
    for rt in RUNTIMES {
        let (task, _) = row(&t, rt, 1_000_000);
        assert!(
            asyncio.bytes > task.bytes,
            "{rt}: {} B vs asyncio {}",
            task.bytes,
            asyncio.bytes
        );
        assert!(
            asyncio.x > task.x,
            "{rt}: {}x vs asyncio {}x",
            task.x,
            asyncio.x
        );
    }
}

/// The figures src/tasks.md quotes from the table, so that a re-run bench
/// that moves them far makes the page be read again.
#[test]
fn the_figures_the_page_quotes_match_the_table() {
    let t = table();
    let near = |got: f64, quoted: f64, what: &str| {
        assert!(
            (got / quoted - 1.0).abs() <= 0.15,
            "{what}: the table says {got}, src/tasks.md says about {quoted}"
        );
    };
    for (rt, quoted) in [("tokio", 580.0), ("async-std", 430.0), ("smol", 320.0)] {
        near(
            row(&t, rt, 1_000_000).0.bytes,
            quoted,
            &format!("{rt} B/task at 1e6"),
        );
    }
    near(
        row(&t, "threads", 10_000).0.bytes,
        10_000.0,
        "thread B at 1e4",
    );
    near(row(&t, "threads", 10_000).0.x, 1.4, "threads x at 1e4");
    if let Some(&(asyncio, _)) = t.get(&("asyncio".to_string(), 1_000_000)) {
        near(asyncio.bytes, 1_400.0, "asyncio B/task at 1e6");
        near(asyncio.x, 12.0, "asyncio x at 1e6");
    }
}
