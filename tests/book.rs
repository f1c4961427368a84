//! The book shows only code that is compiled and output that a fresh run
//! still produces.

mod support;
use std::path::{Path, PathBuf};
use support::*;

/// Every file under `dir` whose name ends in `.extension`, sorted.
fn files_under(dir: &Path, extension: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, extension, out);
            } else if path.extension().is_some_and(|x| x == extension) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, extension, &mut out);
    out.sort();
    out
}

fn markdown_files() -> Vec<PathBuf> {
    files_under(&root().join("src"), "md")
}

/// The fenced code blocks of a Markdown file: (info string, body lines, line number).
fn code_blocks(markdown: &str) -> Vec<(String, Vec<String>, usize)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, Vec<String>, usize)> = None;
    for (n, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            match open.take() {
                Some(block) => blocks.push(block),
                None => open = Some((info.trim().to_string(), Vec::new(), n + 1)),
            }
        } else if let Some(block) = open.as_mut() {
            block.1.push(line.to_string());
        }
    }
    blocks
}

/// `{{#include PATH:ANCHOR}}` or `{{#include PATH:FROM:TO}}` → (PATH, what follows it).
fn include_of(line: &str) -> Option<(&str, Option<&str>)> {
    let inner = line
        .trim()
        .strip_prefix("{{#include ")?
        .strip_suffix("}}")?;
    Some(match inner.split_once(':') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (inner, None),
    })
}

#[test]
fn rust_blocks_are_included_from_compiled_crates() {
    let mut checked = 0;
    for md in markdown_files() {
        let text = std::fs::read_to_string(&md).unwrap();
        for (info, body, line) in code_blocks(&text) {
            if !info.starts_with("rust") {
                continue;
            }
            let at = format!("{}:{line}", md.display());
            let includes: Vec<_> = body.iter().filter_map(|l| include_of(l)).collect();
            if info.contains("ignore") {
                // Blocks `mdbook test` skips must be whole includes from a crate that cargo builds.
                assert!(
                    !includes.is_empty()
                        && includes.len() == body.iter().filter(|l| !l.trim().is_empty()).count(),
                    "{at}: a `rust,ignore` block must consist of {{{{#include}}}} lines only"
                );
            }
            for (path, anchor) in includes {
                let file = md.parent().unwrap().join(path);
                let source = std::fs::read_to_string(&file)
                    .unwrap_or_else(|e| panic!("{at}: cannot read {}: {e}", file.display()));
                let file = file.canonicalize().unwrap();
                // benches/ is built by `cargo bench` (and benches/c10k.rs by tests/c10k.rs too).
                let compiled = ["chapters", "tools", "examples", "benches"]
                    .iter()
                    .any(|dir| file.starts_with(root().join(dir)));
                assert!(
                    compiled && path.ends_with(".rs"),
                    "{at}: {path} is not in a workspace crate"
                );
                if let Some(anchor) =
                    anchor.filter(|a| !a.starts_with(|c: char| c.is_ascii_digit()))
                {
                    assert!(
                        source.contains(&format!("ANCHOR: {anchor}\n")),
                        "{at}: no anchor `{anchor}` in {path}"
                    );
                    assert!(
                        source.contains(&format!("ANCHOR_END: {anchor}\n")),
                        "{at}: anchor `{anchor}` is not closed in {path}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "the book includes no code");
}

/// An include of recorded output by line range (`file.txt:FROM:TO`) must
/// not cut a block short: the line after TO is blank, or there is none.
#[test]
fn output_included_by_line_range_ends_where_its_block_ends() {
    let mut checked = 0;
    for md in markdown_files() {
        let text = std::fs::read_to_string(&md).unwrap();
        for (n, line) in text.lines().enumerate() {
            let Some((path, Some(range))) = include_of(line) else {
                continue;
            };
            let Some((_, to)) = range.split_once(':') else {
                continue;
            };
            let Ok(to) = to.parse::<usize>() else {
                continue;
            };
            let file = md.parent().unwrap().join(path);
            let shown = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let next = shown.lines().nth(to); // the line after TO (1-based TO)
            assert!(
                next.is_none_or(|l| l.trim().is_empty()),
                "{}:{}: the include of {path} stops at line {to}, in the middle of a block \
                 (line {} is `{}`)",
                md.display(),
                n + 1,
                to + 1,
                next.unwrap_or_default()
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no line-range includes to check");
}

/// Output of CPU-bound runs: their times depend on the number of cores and
/// on what else the machine is doing, so only their words are compared, and
/// only on a machine with as many cores as the one that recorded them.
const CPU_BOUND: &[&str] = &[
    "blocking_in_async/cpu.txt",
    "threads_processes/cpu.txt",
    "threads_processes/lost_updates.txt",
];

/// Output of runs that take a few milliseconds (starting processes), or
/// whose time is mostly opening a thousand connections at once: a busy
/// machine moves it by more than the tolerance, so only words are compared.
const BRIEF: &[&str] = &[
    "threads_processes/processes.txt",
    "semaphores/client_limit.txt",
    // Ten thousand threads or tasks: starting and waking them is a matter of
    // milliseconds that a busy machine stretches (the threads' wake-ups from
    // 70 to 500 ms from run to run).
    "events/ten_thousand_threads.txt",
    "events/ten_thousand.txt",
    // Messages per second through a pipe and between threads.
    "queues/throughput.txt",
];

/// Every recorded output under `src/output/` starts with the command that
/// made it; run it again and compare (times within a tolerance).
#[test]
fn output_shown_in_the_book_matches_a_fresh_run() {
    let dir = root().join("src/output");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flat_map(|e| std::fs::read_dir(e.unwrap().path()).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let check = |file: &PathBuf| -> Option<String> {
        let name = file.to_string_lossy();
        let cpu_bound = CPU_BOUND.iter().any(|c| name.ends_with(c));
        let brief = BRIEF.iter().any(|c| name.ends_with(c));
        if cpu_bound && cores != 2 {
            eprintln!("skipped {name}: recorded on 2 cores, this machine has {cores}");
            return None;
        }
        let shown = std::fs::read_to_string(file).unwrap();
        let (command, expected) = shown.split_once('\n').unwrap();
        let rest = command
            .strip_prefix("$ cargo run --example ")
            .unwrap_or_else(|| {
                panic!(
                    "{}: first line must be `$ cargo run --example NAME -- ARGS`",
                    file.display()
                )
            });
        let mut words = rest.split_whitespace();
        let name = words.next().unwrap();
        let args: Vec<&str> = words.skip_while(|w| *w == "--").collect();
        let compare = if cpu_bound || brief {
            harness::compare::same_words
        } else {
            harness::compare::same_shape
        };
        // A change to the code changes every run; a loaded machine (the
        // tests themselves run beside this one) makes one run slow now and
        // then. So a file drifts only if three fresh runs all differ.
        let mut why = String::new();
        for _attempt in 0..3 {
            let out = run_example(name, &args);
            assert!(out.status.success(), "{command}: {}", text(&out.stderr));
            match compare(expected, &text(&out.stdout)) {
                Ok(()) => return None,
                Err(e) => why = e,
            }
        }
        Some(format!("{}: {why}", file.display()))
    };
    // Most runs spend their time waiting on timers and the slow server, so
    // two run at once; CPU-bound ones run alone afterwards, as recorded.
    let (alone, waiting): (Vec<&PathBuf>, Vec<&PathBuf>) = files.iter().partition(|f| {
        let name = f.to_string_lossy();
        CPU_BOUND.iter().chain(BRIEF).any(|c| name.ends_with(c))
    });
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut failures: Vec<String> = std::thread::scope(|scope| {
        let runners: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    let mut failed = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        let Some(file) = waiting.get(i) else { break };
                        failed.extend(check(file));
                    }
                    failed
                })
            })
            .collect();
        runners
            .into_iter()
            .flat_map(|r| r.join().expect("a check panicked"))
            .collect()
    });
    failures.extend(alone.into_iter().filter_map(check));
    // Every include resolves, and every recorded output is shown somewhere.
    let mut included = Vec::new();
    for md in markdown_files() {
        let text = std::fs::read_to_string(&md).unwrap();
        for (path, _) in text.lines().filter_map(include_of) {
            let file = md.parent().unwrap().join(path);
            assert!(
                file.exists(),
                "{}: includes missing {}",
                md.display(),
                file.display()
            );
            included.push(file.canonicalize().unwrap());
        }
    }
    for file in &files {
        assert!(
            included.contains(&file.canonicalize().unwrap()),
            "{} is not shown in the book",
            file.display()
        );
    }
    assert!(
        failures.is_empty(),
        "output drifted from the book (re-record with tools/record-output.sh):\n{}",
        failures.join("\n\n")
    );
}

/// The coverage appendix names each of the checklist's 100 rows, and each
/// chapter it links is a page of the book (listed in SUMMARY.md).
#[test]
fn the_coverage_table_places_every_row_and_links_written_pages() {
    let src = root().join("src");
    let table = std::fs::read_to_string(src.join("appendix-coverage.md")).unwrap();
    let summary = std::fs::read_to_string(src.join("SUMMARY.md")).unwrap();
    let mut rows = std::collections::BTreeSet::new();
    for line in table
        .lines()
        .filter(|l| l.starts_with("| [") || l.starts_with("| *"))
    {
        let cells: Vec<&str> = line.split(" | ").collect();
        assert!(cells.len() >= 2, "{line}");
        if let Some((_, link)) = cells[0].split_once("](") {
            let page = link.trim_end_matches(')');
            assert!(src.join(page).is_file(), "{page} is linked but missing");
            assert!(
                summary.contains(&format!("]({page})")),
                "{page} is not in SUMMARY.md"
            );
        }
        // Items are `N words; N words`, or `80, 83 words`, `45 and 77 words`.
        for item in cells[1].split(';') {
            for word in item.split_whitespace() {
                let word = word.trim_end_matches(',');
                match word.parse::<u32>() {
                    Ok(n) => {
                        rows.insert(n);
                    }
                    Err(_) if word == "and" => {}
                    Err(_) => break,
                }
            }
        }
    }
    let missing: Vec<u32> = (1..=100).filter(|n| !rows.contains(n)).collect();
    assert!(
        missing.is_empty(),
        "rows not placed in the appendix: {missing:?}"
    );
    assert!(rows.iter().all(|&n| (1..=100).contains(&n)), "{rows:?}");
}

/// Every row of "the three runtimes compared" names the chapter that
/// shows it, and each linked chapter is a page of the book.
#[test]
fn each_row_of_the_runtimes_appendix_links_a_written_chapter() {
    let src = root().join("src");
    let table = std::fs::read_to_string(src.join("appendix-runtimes.md")).unwrap();
    let summary = std::fs::read_to_string(src.join("SUMMARY.md")).unwrap();
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---") && !l.starts_with("| |"))
        .collect();
    assert!(rows.len() >= 25, "only {} rows", rows.len());
    for row in rows {
        let cells: Vec<&str> = row
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        assert_eq!(cells.len(), 6, "a row has 6 cells: {row}");
        let shown_in = cells[5];
        let pages: Vec<&str> = shown_in
            .split("](")
            .skip(1)
            .map(|rest| rest.split(')').next().unwrap())
            .collect();
        assert!(!pages.is_empty(), "the row links no chapter: {row}");
        for page in pages {
            assert!(src.join(page).is_file(), "{page} is linked but missing");
            assert!(
                summary.contains(&format!("]({page})")),
                "{page} is not in SUMMARY.md"
            );
        }
    }
}

/// The ids mdBook gives a page's headings: the heading's text, lower case,
/// spaces as `-`, other punctuation dropped; a repeated id gets `-1`, `-2`.
fn heading_ids(markdown: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        let Some(text) = line.strip_prefix('#').filter(|_| !in_code) else {
            continue;
        };
        let text = text.trim_start_matches('#').trim();
        let id: String = text
            .chars()
            .filter_map(|c| {
                if c.is_alphanumeric() || c == '_' || c == '-' {
                    Some(c.to_lowercase().next().unwrap())
                } else if c.is_whitespace() {
                    Some('-')
                } else {
                    None
                }
            })
            .collect();
        let repeats = ids
            .iter()
            .filter(|i| {
                **i == id
                    || i.strip_prefix(&format!("{id}-"))
                        .is_some_and(|n| n.parse::<u32>().is_ok())
            })
            .count();
        ids.push(if repeats == 0 {
            id
        } else {
            format!("{id}-{repeats}")
        });
    }
    ids
}

/// Every link from one page of the book to another (`page.md#section`)
/// names a page that exists and, if it names a section, a heading there.
#[test]
fn links_between_pages_reach_their_page_and_section() {
    let src = root().join("src");
    let mut broken = Vec::new();
    for md in markdown_files() {
        let text = std::fs::read_to_string(&md).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let target = &rest[..rest.find(')').unwrap_or(0)];
            if target.contains("://") || target.contains(' ') || target.is_empty() {
                continue;
            }
            let (page, anchor) = target.split_once('#').unwrap_or((target, ""));
            let file = if page.is_empty() {
                md.clone()
            } else {
                md.parent().unwrap().join(page)
            };
            if !page.is_empty() && !page.ends_with(".md") {
                continue; // a file of code or output, checked elsewhere
            }
            let name = md.strip_prefix(&src).unwrap().display().to_string();
            match std::fs::read_to_string(&file) {
                Err(_) => broken.push(format!("{name}: {target}: no such page")),
                Ok(page_text) => {
                    if !anchor.is_empty() && !heading_ids(&page_text).iter().any(|id| id == anchor)
                    {
                        broken.push(format!("{name}: {target}: no such section"));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// Every timeline the book shows as text is also shown as a picture, right
/// after it, and each picture is still the one its recorded text gives
/// (`tools/record-output.sh` draws them; so does `cargo run -q -p harness
/// --bin timeline-svg`). No picture is left that no page shows.
#[test]
fn every_timeline_is_drawn_from_its_recorded_run() {
    let src = root().join("src");
    let shown = harness::svg::shown_in_book(&src).unwrap();
    assert!(!shown.is_empty());
    let redraw = "draw them again: cargo run -q -p harness --bin timeline-svg";
    let mut problems = Vec::new();
    for s in &shown {
        match std::fs::read_to_string(src.join(&s.picture)) {
            Err(_) => problems.push(format!(
                "{}: src/{} is missing: {redraw}",
                s.page, s.picture
            )),
            Ok(svg) if svg != s.svg => problems.push(format!(
                "{}: src/{} is not the picture of {}: {redraw}",
                s.page, s.picture, s.include
            )),
            Ok(_) => {}
        }
        let page = std::fs::read_to_string(src.join(&s.page)).unwrap();
        let after = page
            .split(&format!("{{{{#include {}}}}}", s.include))
            .skip(1)
            .all(|rest| {
                let next: Vec<&str> = rest.lines().skip(1).take(3).collect();
                next.iter()
                    .any(|l| l.contains(&format!("]({})", s.picture)))
            });
        if !after {
            problems.push(format!(
                "{}: show the picture right after the text of {}: ![The timelines above, drawn]({})",
                s.page, s.include, s.picture
            ));
        }
    }
    let pictures: Vec<String> = shown.iter().map(|s| s.picture.clone()).collect();
    let on_disk = files_under(&src.join("output"), "svg");
    for file in on_disk {
        let relative = file.strip_prefix(&src).unwrap().display().to_string();
        if !pictures.contains(&relative) {
            problems.push(format!("src/{relative} is shown on no page: {redraw}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
