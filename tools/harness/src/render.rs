//! Printing runs: a summary table, a text timeline per runtime (80 columns),
//! or one JSON object per event.

use crate::timeline::{Crowd, Event, KEPT_TASKS};
use std::fmt::Write as _;
use std::time::Duration;

/// What one runtime's run of one scenario produced.
pub struct Report {
    pub runtime: &'static str,
    pub scenario: &'static str,
    /// The scenario's return value, as `{:?}` prints it, or `error: ...`.
    pub returned: String,
    /// The run failed: `returned` holds the error, and `elapsed` is not a timing.
    pub failed: bool,
    pub elapsed: Duration,
    pub events: Vec<Event>,
    /// The tasks beyond the first [`KEPT_TASKS`], counted rather than recorded.
    pub crowd: Vec<Crowd>,
    /// The time the scenario would take with no overhead, if it says.
    pub ideal: Option<Duration>,
}

const NAME_WIDTH: usize = 8;
const BAR_WIDTH: usize = 48;
const LINE_WIDTH: usize = 80;
/// Timelines with more tasks than this show only the first ones.
const MAX_ROWS: usize = 12;

/// Milliseconds, rounded, as the book prints them: `301 ms`.
pub fn ms(d: Duration) -> String {
    format!("{} ms", d.as_millis())
}

/// The table that puts the runtimes side by side: how long, and what came back.
pub fn summary(reports: &[Report]) -> String {
    let with_ideal = reports.iter().any(|r| r.ideal.is_some());
    let mut out = summary_header(with_ideal);
    for r in reports {
        out.push_str(&summary_line(r, with_ideal));
    }
    out
}

/// The first line of [`summary`]; `with_ideal` adds the ideal time's column.
pub fn summary_header(with_ideal: bool) -> String {
    if with_ideal {
        format!("{:<12} {:>8} {:>8}  returned\n", "runtime", "took", "ideal")
    } else {
        format!("{:<10} {:>8}  returned\n", "runtime", "took")
    }
}

/// One runtime's line of [`summary`], printed as soon as its run is over.
pub fn summary_line(r: &Report, with_ideal: bool) -> String {
    let line = match r.ideal {
        Some(ideal) if with_ideal => format!(
            "{:<12} {:>8} {:>8}  {}",
            r.runtime,
            ms(r.elapsed),
            ms(ideal),
            r.returned
        ),
        _ => format!("{:<10} {:>8}  {}", r.runtime, ms(r.elapsed), r.returned),
    };
    let mut out = format!("{}\n", fit(&line, LINE_WIDTH));
    if r.failed && line.chars().count() > LINE_WIDTH {
        // An error is worth reading whole: its cause is often at the end.
        for part in wrap(&r.returned, LINE_WIDTH - 4) {
            out.push_str(&format!("    {part}\n"));
        }
    }
    out
}

/// Splits `text` into lines of at most `width` characters, at spaces where
/// it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_string();
        while word.chars().count() > width {
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(head);
        }
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Every run of every scenario, one line each, with the ideal time beside
/// the measured one.
pub fn final_table(reports: &[Report]) -> String {
    let mut out = String::new();
    writeln!(
        out,
        "{:<22} {:<12} {:>9} {:>9} {:>7}",
        "scenario", "runtime", "took", "ideal", "took/ideal"
    )
    .unwrap();
    for r in reports {
        let (ideal, ratio) = match r.ideal {
            // A failed run's time measures nothing worth comparing.
            _ if r.failed => ("-".into(), "FAILED".into()),
            Some(i) if !i.is_zero() => (
                ms(i),
                format!("{:.2}", r.elapsed.as_secs_f64() / i.as_secs_f64()),
            ),
            _ => ("-".into(), "-".into()),
        };
        writeln!(
            out,
            "{:<22} {:<12} {:>9} {:>9} {:>7}",
            fit(r.scenario, 22),
            r.runtime,
            ms(r.elapsed),
            ideal,
            ratio
        )
        .unwrap();
    }
    out
}

/// One timeline per report, all on the same time scale so they compare.
pub fn timelines(reports: &[Report]) -> String {
    let span = reports
        .iter()
        .map(|r| r.elapsed)
        .max()
        .unwrap_or_default()
        .max(Duration::from_millis(1));
    let mut out = String::new();
    for r in reports {
        let rows = rows(&r.events);
        if rows.is_empty() {
            continue; // a scenario that records no tasks draws no timeline
        }
        let axis_left = "0 ms".to_string();
        let axis_right = ms(span);
        writeln!(
            out,
            "{:<w$} {}{:>pad$}",
            r.runtime,
            axis_left,
            axis_right,
            w = NAME_WIDTH + 2,
            pad = BAR_WIDTH - axis_left.len()
        )
        .unwrap();
        let hidden = rows.len().saturating_sub(MAX_ROWS);
        for row in rows.iter().take(MAX_ROWS) {
            let line = format!(
                "  {:<nw$} {} {}",
                fit(&row.task, NAME_WIDTH),
                row.bar(span),
                row.note,
                nw = NAME_WIDTH
            );
            writeln!(out, "{}", fit(line.trim_end(), LINE_WIDTH)).unwrap();
        }
        if hidden > 0 {
            let all = if r.crowd.is_empty() {
                "--trace json shows them all".to_string()
            } else {
                format!("the first {KEPT_TASKS} are in --trace json")
            };
            writeln!(out, "  ... and {hidden} more tasks ({all})").unwrap();
        }
        for c in &r.crowd {
            // One line per event for the tasks that were only counted.
            let line = format!(
                "  + {} more tasks: {} from {} to {}",
                c.count,
                c.event,
                ms(c.first),
                ms(c.last)
            );
            writeln!(out, "{}", fit(&line, LINE_WIDTH)).unwrap();
        }
        writeln!(out).unwrap();
    }
    out
}

/// One line of JSON per event; the run's return value is the last event,
/// `returned`, of the task `main`.
pub fn json_lines(report: &Report) -> String {
    let mut out = String::new();
    let head = format!(
        "{{\"runtime\":{},\"scenario\":{}",
        json_string(report.runtime),
        json_string(report.scenario)
    );
    let returned = Event {
        task: "main".into(),
        event: "returned".into(),
        at: report.elapsed,
        value: Some(report.returned.clone()),
    };
    let event_line = |out: &mut String, e: &Event| {
        write!(
            out,
            "{head},\"task\":{},\"event\":{},\"at_ms\":{:.1}",
            json_string(&e.task),
            json_string(&e.event),
            e.at.as_secs_f64() * 1000.0
        )
        .unwrap();
        if let Some(v) = &e.value {
            write!(out, ",\"value\":{}", json_string(v)).unwrap();
        }
        out.push_str("}\n");
    };
    for e in &report.events {
        event_line(&mut out, e);
    }
    // The tasks beyond the kept ones: one line per event, with how many had
    // it, when the first did (`at_ms`) and when the last did (`last_ms`).
    for c in &report.crowd {
        writeln!(
            out,
            "{head},\"task\":\"(counted)\",\"event\":{},\"at_ms\":{:.1},\"last_ms\":{:.1},\"count\":{}}}",
            json_string(c.event),
            c.first.as_secs_f64() * 1000.0,
            c.last.as_secs_f64() * 1000.0,
            c.count
        )
        .unwrap();
    }
    event_line(&mut out, &returned);
    out
}

/// A JSON string literal.
fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Cuts `s` to `width` characters, ending in `…` when something was cut.
fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut cut: String = s.chars().take(width - 1).collect();
        cut.push('…');
        cut
    }
}

/// What one task did over the run: a span, or only instants.
struct Row {
    task: String,
    start: Option<Duration>,
    end: Option<(Duration, char)>,
    /// When, and the mark: `*`, or `p` for a poll and `w` for a wake.
    instants: Vec<(Duration, char)>,
    note: String,
}

impl Row {
    fn bar(&self, span: Duration) -> String {
        let col = |t: Duration| {
            let x = t.as_secs_f64() / span.as_secs_f64() * (BAR_WIDTH - 1) as f64;
            (x.round() as usize).min(BAR_WIDTH - 1)
        };
        let mut bar = vec![' '; BAR_WIDTH];
        if let Some(start) = self.start {
            let (end, mark) = match self.end {
                Some((at, mark)) => (col(at), mark),
                None => (BAR_WIDTH - 1, '>'),
            };
            for c in &mut bar[col(start)..end] {
                *c = '=';
            }
            bar[end] = mark;
        }
        // Where marks share a column: a wake shows over a poll (the poll it
        // causes often follows within microseconds), and a task's end shows
        // over both (a task ends in the poll that returns Ready).
        let rank = |mark: char| match mark {
            'p' => 0,
            '*' => 1,
            _ => 2,
        };
        let mut instants = self.instants.clone();
        instants.sort_by_key(|&(_, mark)| rank(mark));
        for (t, mark) in instants {
            let at = col(t);
            let is_end = self.end.is_some_and(|(end, _)| col(end) == at);
            if !(matches!(mark, 'p' | 'w') && is_end) {
                bar[at] = mark;
            }
        }
        bar.into_iter().collect()
    }
}

/// Groups events by task, in the order tasks first appear.
fn rows(events: &[Event]) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for e in events {
        let i = match rows.iter().position(|r| r.task == e.task) {
            Some(i) => i,
            None => {
                rows.push(Row {
                    task: e.task.clone(),
                    start: None,
                    end: None,
                    instants: Vec::new(),
                    note: String::new(),
                });
                rows.len() - 1
            }
        };
        let row = &mut rows[i];
        let value = e.value.as_deref().unwrap_or("");
        match e.event.as_str() {
            "start" => row.start = Some(e.at),
            "done" => {
                row.end = Some((e.at, '|'));
                row.note = format!("done {value}");
            }
            "error" => {
                row.end = Some((e.at, '!'));
                row.note = format!("error: {value}");
            }
            "cancelled" => {
                row.end = Some((e.at, 'x'));
                row.note = "cancelled".into();
            }
            "panicked" => {
                row.end = Some((e.at, '!'));
                row.note = "panicked".into();
            }
            other => {
                let mark = match other {
                    "poll" => 'p',
                    "wake" => 'w',
                    _ => '*',
                };
                row.instants.push((e.at, mark));
                // Several instants of one word on a lane: list their values
                // in order ("for b.io, c.io, a.io"), not only the last one.
                let same_word = row.note.split(' ').next() == Some(other);
                row.note = if same_word && !value.is_empty() && row.instants.len() > 1 {
                    format!("{}, {value}", row.note)
                } else {
                    format!("{other} {value}").trim_end().to_string()
                };
            }
        }
    }
    // Tasks on a multi-threaded runtime may start in any order: sort by name
    // so that runs compare line by line; the scenario's own notes go last.
    rows.sort_by(|a, b| (a.task == "main", &a.task).cmp(&(b.task == "main", &b.task)));
    for row in &mut rows {
        if row.start.is_some() && row.end.is_none() {
            row.note = "still running".into();
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(task: &str, event: &str, at_ms: u64, value: Option<&str>) -> Event {
        Event {
            task: task.into(),
            event: event.into(),
            at: Duration::from_millis(at_ms),
            value: value.map(String::from),
        }
    }

    #[test]
    fn the_ideal_column_appears_when_a_scenario_has_one() {
        let mut r = report();
        r.ideal = Some(Duration::from_millis(100));
        let table = summary(&[r]);
        assert!(
            table.starts_with("runtime          took    ideal  returned\n"),
            "{table}"
        );
        assert!(
            table.contains("tokio          300 ms   100 ms  [3, 1]"),
            "{table}"
        );
        let all = final_table(&[report(), {
            let mut r = report();
            r.ideal = Some(Duration::from_millis(100));
            r
        }]);
        assert!(all.lines().nth(1).unwrap().ends_with("-       -"), "{all}");
        assert!(
            all.lines().nth(2).unwrap().ends_with("100 ms    3.00"),
            "{all}"
        );
    }

    #[test]
    fn long_timelines_show_the_first_rows_only() {
        let mut r = report();
        r.events = (0..20)
            .map(|i| ev(&format!("r{i:02}"), "start", 0, None))
            .collect();
        let text = timelines(&[r]);
        assert_eq!(text.lines().count(), 1 + MAX_ROWS + 1 + 1, "{text}");
        assert!(text.contains("... and 8 more tasks"), "{text}");
    }

    #[test]
    fn instants_of_one_word_list_every_value() {
        let mut r = report();
        r.events = vec![
            ev("report", "for", 100, Some("b.io")),
            ev("report", "for", 200, Some("c.io")),
            ev("report", "for", 300, Some("a.io")),
        ];
        let text = timelines(&[r]);
        assert!(text.contains("* for b.io, c.io, a.io"), "{text}");
    }

    #[test]
    fn counted_tasks_get_one_line_per_event() {
        let mut r = report();
        r.crowd = vec![Crowd {
            event: "done",
            count: 999_000,
            first: Duration::from_millis(200),
            last: Duration::from_millis(290),
        }];
        let text = timelines(std::slice::from_ref(&r));
        assert!(
            text.contains("+ 999000 more tasks: done from 200 ms to 290 ms"),
            "{text}"
        );
        let json = json_lines(&r);
        let lines: Vec<_> = json.lines().collect();
        assert!(
            lines[lines.len() - 2].ends_with(
                r#""task":"(counted)","event":"done","at_ms":200.0,"last_ms":290.0,"count":999000}"#
            ),
            "{json}"
        );
        assert!(
            lines[lines.len() - 1].contains(r#""event":"returned""#),
            "{json}"
        );
    }

    #[test]
    fn a_long_error_is_printed_whole_under_its_line() {
        let mut r = report();
        r.failed = true;
        r.returned = format!(
            "error: error sending request: {} connection refused",
            "x".repeat(120)
        );
        let text = summary(&[r]);
        assert!(
            text.lines().all(|l| l.chars().count() <= LINE_WIDTH),
            "{text}"
        );
        let whole: String = text
            .lines()
            .skip(2)
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(whole.ends_with("connection refused"), "{text}");
        assert!(whole.contains(&"x".repeat(76)), "{text}");
    }

    fn report() -> Report {
        Report {
            runtime: "tokio",
            scenario: "gather",
            returned: "[3, 1]".into(),
            failed: false,
            elapsed: Duration::from_millis(300),
            ideal: None,
            crowd: Vec::new(),
            events: vec![
                ev("a", "start", 0, None),
                ev("b", "start", 0, None),
                ev("b", "done", 100, Some("1")),
                ev("main", "timeout", 150, None),
                ev("a", "cancelled", 300, None),
            ],
        }
    }

    #[test]
    fn polls_and_wakes_have_their_own_marks() {
        let mut r = report();
        r.events = vec![
            ev("a", "start", 0, None),
            ev("a", "poll", 0, None),
            ev("a", "wake", 100, None),
            ev("a", "poll", 200, None),
            ev("a", "wake", 250, None),
            ev("a", "poll", 250, None),
            ev("a", "wake", 300, None),
            ev("a", "poll", 300, None),
            ev("a", "done", 300, Some("1")),
        ];
        let text = timelines(&[r]);
        let bar: String = text
            .lines()
            .nth(1)
            .unwrap()
            .chars()
            .skip(11)
            .take(48)
            .collect();
        // A poll at 0; a wake at 100 ms and its poll at 200 ms, apart; a
        // wake over the poll in its column; the end over the last poll.
        assert_eq!(bar.find('p'), Some(0), "{text}");
        assert_eq!(bar.find('w'), Some(16), "{text}");
        assert_eq!(bar.rfind('p'), Some(31), "{text}");
        assert_eq!(bar.rfind('w'), Some(39), "{text}");
        assert_eq!(bar.matches('w').count(), 2, "{text}");
        assert_eq!(bar.rfind('|'), Some(47), "{text}");
    }

    #[test]
    fn timeline_rows_show_spans_ends_and_instants() {
        let text = timelines(&[report()]);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("tokio"), "{text}");
        assert!(lines[0].ends_with("300 ms"), "{text}");
        assert!(lines[1].contains("=x cancelled"), "{text}");
        // b ends a third of the way along the bar.
        let b = lines[2];
        let bar_start = 2 + NAME_WIDTH + 1;
        assert_eq!(b.find('|'), Some(bar_start + 16), "{text}");
        assert!(b.ends_with("done 1"), "{text}");
        assert!(
            lines[3].contains('*') && lines[3].ends_with("timeout"),
            "{text}"
        );
        assert!(text.lines().all(|l| l.chars().count() <= LINE_WIDTH));
    }

    #[test]
    fn json_has_one_object_per_event_and_the_return_value() {
        let json = json_lines(&report());
        let lines: Vec<&str> = json.lines().collect();
        assert_eq!(lines.len(), 6);
        assert_eq!(
            lines[2],
            r#"{"runtime":"tokio","scenario":"gather","task":"b","event":"done","at_ms":100.0,"value":"1"}"#
        );
        assert!(lines[5].contains(r#""event":"returned","at_ms":300.0,"value":"[3, 1]""#));
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_string("a\"b\\c\nd\u{1}"), r#""a\"b\\c\nd\u0001""#);
    }

    #[test]
    fn long_lines_are_cut_to_fit() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
    }
}
