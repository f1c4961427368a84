//! Checks that a fresh run still prints what the book shows.
//!
//! Times move a little from run to run, so a time (a number followed by
//! `ms`) may differ within a tolerance, a ratio (a number with a decimal
//! point, such as `1.02`) within another, a count marked as varying (`~N`)
//! within a factor of ten, and a timeline bar may shift by a few columns.
//! Everything else, such as results, their order, task names and event
//! words, must be exactly the same.

/// How far a time may move: the larger of this many ms and this share of it.
const TIME_SLACK_MS: f64 = 60.0;
const TIME_SLACK_SHARE: f64 = 0.4;
/// How far a ratio may move: the larger of this and this share of it.
const RATIO_SLACK: f64 = 0.2;
const RATIO_SLACK_SHARE: f64 = 0.25;
/// How far a bar's start may move, in columns (its end: this, or a fifth of its length).
const BAR_SLACK: usize = 4;

/// Like [`same_shape`], but for runs whose times are too noisy to pin down
/// (CPU-bound work on a shared machine): times, ratios and bars may be
/// anything; every other word must still be the same.
pub fn same_words(expected: &str, actual: &str) -> Result<(), String> {
    let strip = |text: &str| {
        text.lines()
            .map(|line| {
                let t = tokens(line);
                let words: Vec<&str> = t
                    .iter()
                    .enumerate()
                    .filter(|(i, (_, w))| {
                        let is_time =
                            t.get(i + 1).map(|x| x.1) == Some("ms") && w.parse::<f64>().is_ok();
                        !(is_bar(w) || is_time || ratio(w).is_some())
                    })
                    .map(|(_, (_, w))| *w)
                    .collect();
                words.join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    same_shape(&strip(expected), &strip(actual))
}

/// `Ok` when `actual` has the same shape as `expected`; otherwise the first difference.
pub fn same_shape(expected: &str, actual: &str) -> Result<(), String> {
    let exp: Vec<&str> = expected.lines().collect();
    let act: Vec<&str> = actual.lines().collect();
    if exp.len() != act.len() {
        return Err(format!(
            "expected {} lines, got {}\n--- expected\n{expected}\n--- got\n{actual}",
            exp.len(),
            act.len()
        ));
    }
    let mut n = 0;
    while n < exp.len() {
        // A block of timeline rows: on a multi-threaded runtime, which task
        // runs in which wave changes from run to run, so the rows are matched
        // by the shape of their bars, and the task names as a set.
        let rows = exp[n..]
            .iter()
            .zip(&act[n..])
            .take_while(|(e, a)| is_row(e) && is_row(a))
            .count();
        if rows > 1 {
            same_rows(&exp[n..n + rows], &act[n..n + rows])
                .map_err(|why| format!("lines {}-{}: {why}", n + 1, n + rows))?;
            n += rows;
            continue;
        }
        let (e, a) = (exp[n], act[n]);
        same_line(e, a)
            .map_err(|why| format!("line {}: {why}\n  expected: {e}\n  got:      {a}", n + 1))?;
        n += 1;
    }
    Ok(())
}

/// A timeline row: an indented task name followed by a bar.
fn is_row(line: &str) -> bool {
    line.starts_with("  ") && tokens(line).get(1).is_some_and(|(_, t)| is_bar(t))
}

fn same_rows(expected: &[&str], actual: &[&str]) -> Result<(), String> {
    let names = |rows: &[&str]| {
        let mut names: Vec<String> = rows.iter().map(|r| tokens(r)[0].1.to_string()).collect();
        names.sort();
        names
    };
    if names(expected) != names(actual) {
        return Err(format!(
            "tasks {:?} became {:?}",
            names(expected),
            names(actual)
        ));
    }
    // Bars and notes are compared as two sorted lists, so that rows may
    // swap tasks (and the values that go with them).
    let split = |rows: &[&str]| {
        let mut bars: Vec<String> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        for row in rows {
            let t = tokens(row);
            let (col, bar) = t[1];
            bars.push(format!("{}{bar}", " ".repeat(col)));
            notes.push(t[2..].iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" "));
        }
        notes.sort();
        (bars, notes)
    };
    let ((ebars, enotes), (abars, mut anotes)) = (split(expected), split(actual));
    // Pair each expected bar with the closest actual bar that ends the same
    // way (done, cancelled, ...): sorting would pair them wrongly when two
    // starts are a column apart.
    let shape = |b: &str| (b.len() - b.trim_start().len(), b.len(), b.chars().last());
    let mut left: Vec<&String> = abars.iter().collect();
    for e in &ebars {
        let (es, ee, ec) = shape(e);
        let best = left
            .iter()
            .enumerate()
            .filter(|(_, a)| shape(a).2 == ec)
            .min_by_key(|(_, a)| {
                let (s, e, _) = shape(a);
                s.abs_diff(es) + e.abs_diff(ee)
            })
            .map(|(i, _)| i);
        let Some(i) = best else {
            return Err(format!("no bar like `{}` in this run", e.trim_start()));
        };
        let a = left.remove(i);
        same_line(e, a).map_err(|why| format!("{why}\n  expected: {e}\n  got:      {a}"))?;
    }
    anotes.truncate(enotes.len());
    for (e, a) in enotes.iter().zip(&anotes) {
        same_line(e, a).map_err(|why| format!("{why}\n  expected: {e}\n  got:      {a}"))?;
    }
    Ok(())
}

fn same_line(expected: &str, actual: &str) -> Result<(), String> {
    let e = tokens(expected);
    let a = tokens(actual);
    if e.len() != a.len() {
        return Err(format!("expected {} words, got {}", e.len(), a.len()));
    }
    for i in 0..e.len() {
        let ((ecol, etok), (acol, atok)) = (e[i], a[i]);
        let is_time = |t: &[(usize, &str)]| t.get(i + 1).map(|x| x.1) == Some("ms");
        if etok == atok && (!is_bar(etok) || ecol.abs_diff(acol) <= BAR_SLACK) {
            continue;
        }
        if is_time(&e) && is_time(&a) {
            if let (Ok(x), Ok(y)) = (etok.parse::<f64>(), atok.parse::<f64>()) {
                let slack = TIME_SLACK_MS.max(TIME_SLACK_SHARE * x.max(y));
                if (x - y).abs() <= slack {
                    continue;
                }
                return Err(format!("time {atok} ms is too far from {etok} ms"));
            }
        }
        if let (Some(x), Some(y)) = (ratio(etok), ratio(atok)) {
            if (x - y).abs() <= RATIO_SLACK.max(RATIO_SLACK_SHARE * x.max(y)) {
                continue;
            }
            return Err(format!("ratio {atok} is too far from {etok}"));
        }
        if let (Some(x), Some(y)) = (varying(etok), varying(atok)) {
            if x.max(1.0) / y.max(1.0) <= 10.0 && y.max(1.0) / x.max(1.0) <= 10.0 {
                continue;
            }
            return Err(format!(
                "count {atok} is not within a factor of ten of {etok}"
            ));
        }
        if is_bar(etok) && is_bar(atok) {
            let (eend, aend) = (ecol + etok.chars().count(), acol + atok.chars().count());
            // The end may move further on a long bar: noise grows with time.
            let end_slack = BAR_SLACK.max(etok.chars().count() / 5);
            if ecol.abs_diff(acol) <= BAR_SLACK
                && eend.abs_diff(aend) <= end_slack
                && etok.chars().last() == atok.chars().last()
            {
                continue;
            }
            return Err(format!("bar `{atok}` has moved from `{etok}`"));
        }
        return Err(format!("expected `{etok}`, got `{atok}`"));
    }
    Ok(())
}

/// Words with the column they start at.
fn tokens(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut col = 0;
    for (byte, ch) in line.char_indices() {
        if ch == ' ' {
            if let Some((c, b)) = start.take() {
                out.push((c, &line[b..byte]));
            }
        } else if start.is_none() {
            start = Some((col, byte));
        }
        col += 1;
    }
    if let Some((c, b)) = start {
        out.push((c, &line[b..]));
    }
    out
}

/// A number with a decimal point, such as `1.02`, or a speed-up such as
/// `x1.8` (a comma or semicolon after it is punctuation).
fn ratio(token: &str) -> Option<f64> {
    let number = token.trim_end_matches([',', ';']);
    let number = number.strip_prefix('x').unwrap_or(number);
    number.contains('.').then(|| number.parse().ok()).flatten()
}

/// A count that changes from run to run, written `~N`.
fn varying(token: &str) -> Option<f64> {
    token.strip_prefix('~')?.parse().ok()
}

fn is_bar(token: &str) -> bool {
    token.chars().all(|c| "=|x!*>".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHOWN: &str = "tokio       301 ms  [3, 1, 2]\n  a        ==========| done 3";

    #[test]
    fn small_time_and_bar_moves_pass() {
        let rerun = "tokio       340 ms  [3, 1, 2]\n  a         ==========| done 3";
        assert_eq!(same_shape(SHOWN, rerun), Ok(()));
    }

    #[test]
    fn a_different_result_fails() {
        let rerun = "tokio       301 ms  [1, 2, 3]\n  a        ==========| done 3";
        let err = same_shape(SHOWN, rerun).unwrap_err();
        assert!(
            err.starts_with("line 1: expected `[3,`, got `[1,`"),
            "{err}"
        );
    }

    #[test]
    fn a_time_far_off_fails() {
        let rerun = "tokio       900 ms  [3, 1, 2]\n  a        ==========| done 3";
        assert!(same_shape(SHOWN, rerun).unwrap_err().contains("too far"));
    }

    #[test]
    fn a_bar_that_ends_differently_fails() {
        let rerun = "tokio       301 ms  [3, 1, 2]\n  a        ==========x done 3";
        assert!(same_shape(SHOWN, rerun).unwrap_err().contains("has moved"));
        let longer = "tokio       301 ms  [3, 1, 2]\n  a        ====================| done 3";
        assert!(same_shape(SHOWN, longer).is_err());
    }

    #[test]
    fn ratios_and_varying_counts_have_their_own_tolerance() {
        assert_eq!(same_shape("x 1.01 ~500 y", "x 1.10 ~4000 y"), Ok(()));
        assert!(
            same_shape("x 1.01", "x 2.00")
                .unwrap_err()
                .contains("ratio")
        );
        assert!(
            same_shape("x ~500", "x ~9000")
                .unwrap_err()
                .contains("factor of ten")
        );
        // A plain whole number is a result: it must not move at all.
        assert!(same_shape("x 5 pages", "x 4 pages").is_err());
    }

    #[test]
    fn timeline_rows_may_swap_tasks_but_not_shapes() {
        let shown =
            "  t1   ====|      done ()\n  t2        ====| done ()\n  t3   ====|      done ()";
        let swapped =
            "  t1   ====|      done ()\n  t2   ====|      done ()\n  t3        ====| done ()";
        assert_eq!(same_shape(shown, swapped), Ok(()));
        let all_first =
            "  t1   ====|      done ()\n  t2   ====|      done ()\n  t3   ====|      done ()";
        assert!(same_shape(shown, all_first).is_err());
        let renamed =
            "  t1   ====|      done ()\n  t2        ====| done ()\n  t9   ====|      done ()";
        assert!(same_shape(shown, renamed).unwrap_err().contains("tasks"));
    }

    #[test]
    fn speed_ups_are_ratios() {
        let shown = "2 cores: threads x1.5, rayon x1.6, processes x1.3";
        let rerun = "2 cores: threads x1.8, rayon x1.6, processes x1.9";
        assert_eq!(same_words(shown, rerun), Ok(()));
        assert!(same_words(shown, "3 cores: threads x1.8, rayon x1.6, processes x1.9").is_err());
        assert!(same_shape("threads x1.5,", "threads x3.0,").is_err());
    }

    #[test]
    fn same_words_ignores_times_and_bars_but_not_results() {
        let noisy = "tokio       990 ms  [3, 1, 2]\n  a   ====| done 3";
        assert_eq!(same_words(SHOWN, noisy), Ok(()));
        let wrong = "tokio       990 ms  [3, 1, 9]\n  a   ====| done 3";
        assert!(same_words(SHOWN, wrong).is_err());
    }

    #[test]
    fn bars_a_column_apart_still_pair_with_their_own_shape() {
        let shown = "  a   ==========| done 3\n  b   ===|        done 1\n  c   ======|     done 2";
        let jitter = "  a   ==========| done 3\n  b    ===|       done 1\n  c    =====|     done 2";
        assert_eq!(same_shape(shown, jitter), Ok(()));
    }

    #[test]
    fn a_missing_line_fails() {
        assert!(
            same_shape(SHOWN, "tokio 301 ms [3, 1, 2]")
                .unwrap_err()
                .starts_with("expected 2 lines, got 1")
        );
    }
}
