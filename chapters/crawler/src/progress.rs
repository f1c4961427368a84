//! Progress on stderr: a bar (indicatif) when stderr is a terminal; plain
//! lines, at most one a second, when it is a file or a pipe (a log, a test).

use crate::frontier::Counts;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

/// How often a plain progress line is printed.
const EVERY: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: Option<ProgressBar>,
    last_line: Instant,
}

impl Progress {
    pub fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(Some(1), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{bar:30} {pos}/{len} pages  {msg}")
                .expect("a valid template");
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            last_line: Instant::now(),
        }
    }

    /// After each page: `seen` pages known so far, `queued` not started yet.
    pub fn update(&mut self, counts: &Counts, seen: usize, queued: usize) {
        let detail = format!(
            "{} ok, {} not found, {} failed, {} retries, {queued} waiting",
            counts.ok, counts.not_found, counts.failed, counts.retries
        );
        match &self.bar {
            Some(bar) => {
                bar.set_length(seen as u64);
                bar.set_position(counts.pages());
                bar.set_message(detail);
            }
            None if self.last_line.elapsed() >= EVERY => {
                self.last_line = Instant::now();
                let pages = counts.pages();
                say(&format!("progress: {pages} of {seen} pages: {detail}"));
            }
            None => {}
        }
    }

    /// A line for the reader, above the bar if there is one.
    pub fn say(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => say(line),
        }
    }

    /// Takes the bar off the screen.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A line on stderr. Progress is advisory: if stderr is closed (`2>&1 |
/// head -1`), the line is lost and the crawl goes on (`eprintln!` would
/// panic).
fn say(line: &str) {
    let _ = writeln!(io::stderr(), "{line}");
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}
