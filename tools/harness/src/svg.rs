//! The text timelines of a recorded run, drawn as an SVG picture for the
//! book: one lane per task, a bar from its start to its end, and a mark
//! where it ended (done, failed, cancelled) or where something happened.
//!
//! The picture is drawn from the recorded text itself, not from a new run,
//! so the two always show the same run: `tools/record-output.sh` writes
//! both, and the book's tests check that each picture is still the one its
//! text gives. No script and no external font or style: it shows the same
//! in any browser, on the book's light and dark themes (it brings its own
//! light background).

use std::fmt::Write as _;

/// One runtime's timeline, as the text shows it.
#[derive(Debug, PartialEq)]
pub struct Timeline {
    pub runtime: String,
    /// The time at the right end of the axis, as printed (`320 ms`).
    pub span: String,
    pub lanes: Vec<Lane>,
    /// Lines under the lanes (`... and 7 more tasks`).
    pub notes: Vec<String>,
}

/// One task's row: its bar (the text's columns) and what it says.
#[derive(Debug, PartialEq)]
pub struct Lane {
    pub task: String,
    pub bar: String,
    pub note: String,
}

/// The columns of a text timeline row (see `render::timelines`).
const NAME_START: usize = 2;
const BAR_START: usize = 11;
const BAR_WIDTH: usize = 48;

/// Every timeline in a recorded output: each starts with a line
/// `RUNTIME   0 ms   ...   N ms`, then its rows, and ends at a blank line.
pub fn parse(text: &str) -> Vec<Timeline> {
    let mut timelines = Vec::new();
    let mut current: Option<Timeline> = None;
    for line in text.lines() {
        if let Some((runtime, span)) = axis(line) {
            timelines.extend(current.take());
            current = Some(Timeline {
                runtime,
                span,
                lanes: Vec::new(),
                notes: Vec::new(),
            });
            continue;
        }
        let Some(timeline) = current.as_mut() else {
            continue;
        };
        if line.trim().is_empty() {
            timelines.extend(current.take());
        } else if let Some(lane) = lane(line) {
            timeline.lanes.push(lane);
        } else {
            timeline.notes.push(line.trim().to_string());
        }
    }
    timelines.extend(current);
    timelines
}

/// `tokio      0 ms        320 ms` gives (`tokio`, `320 ms`).
fn axis(line: &str) -> Option<(String, String)> {
    let rest = line.strip_suffix(" ms")?;
    let (head, span) = rest.rsplit_once(' ')?;
    span.parse::<u64>().ok()?;
    let runtime = head.trim_end().strip_suffix(" 0 ms")?.trim_end();
    (!runtime.is_empty() && !line.starts_with(' '))
        .then(|| (runtime.to_string(), format!("{span} ms")))
}

/// A row: two spaces, the task's name in 8 columns, a space, the bar.
fn lane(line: &str) -> Option<Lane> {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= BAR_START || !line.starts_with("  ") {
        return None;
    }
    let bar: String = chars[BAR_START..].iter().take(BAR_WIDTH).collect();
    if !bar.chars().all(|c| " =|x!*>pw".contains(c)) || bar.trim().is_empty() {
        return None;
    }
    let task: String = chars[NAME_START..BAR_START - 1].iter().collect();
    let note: String = chars.iter().skip(BAR_START + BAR_WIDTH).collect();
    Some(Lane {
        task: task.trim().to_string(),
        bar,
        note: note.trim().to_string(),
    })
}

/// The picture's sizes, in pixels.
const COLUMN: f64 = 9.0;
const LANE_HEIGHT: f64 = 22.0;
const LABEL_WIDTH: f64 = 90.0;
const NOTE_WIDTH: f64 = 230.0;
const WIDTH: f64 = LABEL_WIDTH + BAR_WIDTH as f64 * COLUMN + NOTE_WIDTH;

/// The colours: dark ink on the picture's own light background, so that it
/// reads the same on the book's light and dark themes.
const INK: &str = "#1f2328";
const MUTED: &str = "#57606a";
const BAR: &str = "#4a7fd4";
const DONE: &str = "#1a7f37";
const FAILED: &str = "#cf222e";
const CANCELLED: &str = "#9a6700";
const WAKE: &str = "#8250df";

/// Draws the timelines of one recorded output, one under the other.
pub fn draw(timelines: &[Timeline]) -> String {
    // Polls and wakes (the tiny executor's timelines) get a key under them.
    let polls_and_wakes = timelines
        .iter()
        .flat_map(|t| &t.lanes)
        .any(|lane| lane.bar.contains(['p', 'w']));
    let rows: usize = timelines
        .iter()
        .map(|t| 1 + t.lanes.len() + t.notes.len())
        .sum::<usize>()
        + timelines.len().saturating_sub(1)
        + usize::from(polls_and_wakes);
    let height = rows as f64 * LANE_HEIGHT + 16.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="monospace" font-size="13">"#
    );
    let title: Vec<&str> = timelines.iter().map(|t| t.runtime.as_str()).collect();
    let _ = writeln!(
        svg,
        "<title>Timeline of a recorded run: {}</title>",
        escape(&title.join(", "))
    );
    let _ = writeln!(
        svg,
        r##"<rect width="{WIDTH}" height="{height}" rx="6" fill="#f6f8fa"/>"##
    );
    let mut y = 8.0;
    for timeline in timelines {
        let (left, right) = (LABEL_WIDTH, LABEL_WIDTH + (BAR_WIDTH - 1) as f64 * COLUMN);
        let base = y + LANE_HEIGHT * 0.7;
        let _ = writeln!(
            svg,
            r#"<text x="8" y="{base}" fill="{INK}" font-weight="bold">{}</text>"#,
            escape(&timeline.runtime)
        );
        let _ = writeln!(
            svg,
            r#"<text x="{left}" y="{base}" fill="{MUTED}">0 ms</text><text x="{right}" y="{base}" fill="{MUTED}" text-anchor="end">{}</text>"#,
            escape(&timeline.span)
        );
        let axis_y = y + LANE_HEIGHT;
        let _ = writeln!(
            svg,
            r#"<line x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}" stroke="{MUTED}" stroke-width="0.5"/>"#
        );
        y += LANE_HEIGHT;
        for lane in &timeline.lanes {
            draw_lane(&mut svg, lane, y);
            y += LANE_HEIGHT;
        }
        for note in &timeline.notes {
            let _ = writeln!(
                svg,
                r#"<text x="8" y="{}" fill="{MUTED}">{}</text>"#,
                y + LANE_HEIGHT * 0.7,
                escape(note)
            );
            y += LANE_HEIGHT;
        }
        y += LANE_HEIGHT;
    }
    if polls_and_wakes {
        draw_key(&mut svg, y - LANE_HEIGHT * 0.5);
    }
    svg.push_str("</svg>\n");
    svg
}

fn draw_lane(svg: &mut String, lane: &Lane, y: f64) {
    let (mid, text_y) = (y + LANE_HEIGHT / 2.0, y + LANE_HEIGHT * 0.7);
    let x = |column: usize| LABEL_WIDTH + column as f64 * COLUMN;
    let _ = writeln!(
        svg,
        r#"<text x="8" y="{text_y}" fill="{INK}">{}</text>"#,
        escape(&lane.task)
    );
    let cells: Vec<char> = lane.bar.chars().collect();
    // Each run of `=` is a bar; it ends where its mark is.
    let mut column = 0;
    while column < cells.len() {
        if cells[column] == '=' {
            let start = column;
            while column < cells.len() && cells[column] == '=' {
                column += 1;
            }
            let _ = writeln!(
                svg,
                r#"<rect x="{}" y="{}" width="{}" height="8" rx="2" fill="{BAR}"/>"#,
                x(start),
                mid - 4.0,
                (column - start) as f64 * COLUMN
            );
            continue;
        }
        let cx = x(column) + COLUMN / 2.0;
        match cells[column] {
            '|' => {
                let _ = writeln!(
                    svg,
                    r#"<rect x="{}" y="{}" width="3" height="16" fill="{DONE}"><title>done</title></rect>"#,
                    cx - 1.5,
                    mid - 8.0
                );
            }
            '!' => {
                let _ = writeln!(
                    svg,
                    r#"<circle cx="{cx}" cy="{mid}" r="6" fill="{FAILED}"><title>failed</title></circle>"#
                );
            }
            'x' => {
                let _ = writeln!(
                    svg,
                    r#"<path d="M{} {} l10 10 M{} {} l-10 10" stroke="{CANCELLED}" stroke-width="2.5"><title>cancelled</title></path>"#,
                    cx - 5.0,
                    mid - 5.0,
                    cx + 5.0,
                    mid - 5.0
                );
            }
            '*' => {
                let _ = writeln!(
                    svg,
                    r#"<path d="M{cx} {} l5 5 l-5 5 l-5 -5 z" fill="{INK}"/>"#,
                    mid - 5.0
                );
            }
            'p' => poll_mark(svg, cx, mid),
            'w' => wake_mark(svg, cx, mid),
            '>' => {
                let _ = writeln!(
                    svg,
                    r#"<path d="M{} {} l8 6 l-8 6 z" fill="{BAR}"><title>still running</title></path>"#,
                    cx - 4.0,
                    mid - 6.0
                );
            }
            _ => {}
        }
        column += 1;
    }
    let color = if lane.note.starts_with("error") || lane.note == "panicked" {
        FAILED
    } else if lane.note == "cancelled" {
        CANCELLED
    } else {
        INK
    };
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="{text_y}" fill="{color}">{}</text>"#,
        x(BAR_WIDTH) + 4.0,
        escape(&lane.note)
    );
}

/// A poll: a short upright tick through the bar.
fn poll_mark(svg: &mut String, cx: f64, mid: f64) {
    let _ = writeln!(
        svg,
        r#"<rect x="{}" y="{}" width="2" height="14" fill="{INK}"><title>poll</title></rect>"#,
        cx - 1.0,
        mid - 7.0
    );
}

/// A wake: a triangle pointing down at the bar.
fn wake_mark(svg: &mut String, cx: f64, mid: f64) {
    let _ = writeln!(
        svg,
        r#"<path d="M{} {} l12 0 l-6 9 z" fill="{WAKE}"><title>wake</title></path>"#,
        cx - 6.0,
        mid - 11.0
    );
}

/// What the poll and wake marks mean, in one line under the timelines.
fn draw_key(svg: &mut String, y: f64) {
    let mid = y + LANE_HEIGHT / 2.0;
    let text_y = y + LANE_HEIGHT * 0.7;
    poll_mark(svg, 14.0, mid);
    wake_mark(svg, 84.0, mid);
    let _ = writeln!(
        svg,
        r#"<rect x="162" y="{}" width="3" height="16" fill="{DONE}"/>"#,
        mid - 8.0
    );
    let _ = writeln!(
        svg,
        r#"<text x="22" y="{text_y}" fill="{INK}">poll</text><text x="96" y="{text_y}" fill="{INK}">wake</text><text x="172" y="{text_y}" fill="{INK}">done: the poll that returned Ready</text>"#
    );
}

/// A picture the book shows: which page includes which output (and which
/// of its lines), the picture's path under `src/`, and the picture itself.
pub struct Shown {
    pub page: String,
    /// The include's target, such as `output/tasks/many.txt:1:14`.
    pub include: String,
    /// Such as `output/tasks/many.1-14.svg`.
    pub picture: String,
    pub svg: String,
}

/// Every include of a recorded output in the book's pages (`src/*.md`)
/// whose lines hold a timeline, with the picture drawn from those lines.
pub fn shown_in_book(src: &std::path::Path) -> Result<Vec<Shown>, String> {
    let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir(src)
        .map_err(|e| format!("cannot read {}: {e}", src.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    let mut shown = Vec::new();
    for page in pages {
        let text = std::fs::read_to_string(&page)
            .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
        for line in text.lines() {
            let Some(include) = line
                .trim()
                .strip_prefix("{{#include ")
                .and_then(|l| l.strip_suffix("}}"))
            else {
                continue;
            };
            let (file, range) = include.split_once(':').unwrap_or((include, ""));
            if !file.starts_with("output/") || !file.ends_with(".txt") {
                continue;
            }
            let recorded = std::fs::read_to_string(src.join(file))
                .map_err(|e| format!("{}: cannot read {file}: {e}", page.display()))?;
            let (lines, picture) = match range.split_once(':') {
                None => (recorded.clone(), file.replace(".txt", ".svg")),
                Some((start, end)) => {
                    let start: usize = start.parse().unwrap_or(1).max(1);
                    let end: usize = end.parse().unwrap_or(usize::MAX);
                    let picked: Vec<&str> = recorded
                        .lines()
                        .skip(start - 1)
                        .take(end.saturating_sub(start - 1))
                        .collect();
                    let name = if end == usize::MAX {
                        format!(".{start}-.svg")
                    } else {
                        format!(".{start}-{end}.svg")
                    };
                    (picked.join("\n"), file.replace(".txt", &name))
                }
            };
            let timelines = parse(&lines);
            if timelines.is_empty() {
                continue;
            }
            shown.push(Shown {
                page: page.file_name().unwrap().to_string_lossy().into_owned(),
                include: include.to_string(),
                picture,
                svg: draw(&timelines),
            });
        }
    }
    Ok(shown)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORDED: &str = "\
runtime        took  returned
tokio        102 ms  None

tokio      0 ms                                      102 ms
  clean-up                                                * ran
  job      ===============================================x cancelled

smol       0 ms                                      102 ms
  job      ==============================================|  done 3 <b>
  ... and 2 more tasks (--trace json shows them all)
";

    #[test]
    fn parses_each_runtime_its_lanes_and_notes() {
        let t = parse(RECORDED);
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t[0].runtime.as_str(), t[0].span.as_str()),
            ("tokio", "102 ms")
        );
        assert_eq!(t[0].lanes.len(), 2);
        assert_eq!(t[0].lanes[0].task, "clean-up");
        assert_eq!(t[0].lanes[0].note, "ran");
        assert_eq!(t[0].lanes[1].bar.trim_end().chars().last(), Some('x'));
        assert_eq!(t[1].lanes[0].note, "done 3 <b>");
        assert_eq!(
            t[1].notes,
            ["... and 2 more tasks (--trace json shows them all)"]
        );
    }

    #[test]
    fn a_runtime_name_with_a_space_is_kept() {
        let t =
            parse("1 thread   0 ms                                      209 ms\n  epoll    ===|\n");
        assert_eq!(t[0].runtime, "1 thread");
        assert_eq!(t[0].lanes[0].task, "epoll");
    }

    #[test]
    fn draws_a_bar_a_mark_per_ending_and_escapes_text() {
        let svg = draw(&parse(RECORDED));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        assert_eq!(svg.matches("<title>cancelled</title>").count(), 1);
        assert_eq!(svg.matches("<title>done</title>").count(), 1);
        assert!(svg.contains("done 3 &lt;b&gt;"), "{svg}");
        assert!(!svg.contains("<b>"));
        // Two bars, one per lane that has a span.
        assert_eq!(svg.matches(r#"height="8""#).count(), 2);
    }

    #[test]
    fn output_without_a_timeline_draws_nothing() {
        assert!(parse("runtime  took  returned\ntokio  1 ms  ok\n").is_empty());
    }
}
