//! Draws the timelines the book shows as SVG pictures. For every page of
//! the book (`src/*.md`) that includes a recorded output
//! (`{{#include output/NAME/SCENARIO.txt}}`, or some of its lines,
//! `...txt:START:END`) with a timeline in it, it writes the picture beside
//! the output: `SCENARIO.svg`, or `SCENARIO.START-END.svg`. Pictures no
//! page shows any more are removed.
//!
//! ```text
//! cargo run -q -p harness --bin timeline-svg
//! ```
//!
//! `tools/record-output.sh` runs it after each recording; the book's tests
//! check that every picture is still the one its text gives.

use harness::svg::{Shown, shown_in_book};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    if std::env::args().len() > 1 {
        eprintln!(
            "usage: cargo run -q -p harness --bin timeline-svg   (run from the repository root; no arguments)"
        );
        return ExitCode::from(2);
    }
    let src = Path::new("src");
    if !src.join("SUMMARY.md").is_file() {
        eprintln!("error: run it from the repository root, where src/SUMMARY.md is");
        return ExitCode::from(2);
    }
    let shown = match shown_in_book(src) {
        Ok(shown) => shown,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut kept = BTreeSet::new();
    for Shown { picture, svg, .. } in &shown {
        if let Err(e) = std::fs::write(src.join(picture), svg) {
            eprintln!("error: cannot write src/{picture}: {e}");
            return ExitCode::FAILURE;
        }
        kept.insert(src.join(picture));
    }
    for stale in svgs(&src.join("output")) {
        if !kept.contains(&stale) {
            let _ = std::fs::remove_file(&stale);
        }
    }
    println!("drew {} timeline pictures", kept.len());
    ExitCode::SUCCESS
}

/// Every `.svg` under `dir`.
fn svgs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(svgs(&path));
        } else if path.extension().is_some_and(|x| x == "svg") {
            out.push(path);
        }
    }
    out
}
