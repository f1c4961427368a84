//! The bridge-cost table the page shows (src/bench/bridging.txt) has the
//! shape the page describes. Its figures come from a real run; re-record
//! them with `cargo bench -q --bench bridging > src/bench/bridging.txt`.

const TABLE: &str = include_str!("../../../src/bench/bridging.txt");

/// `(bare call µs, one-by-one ratio, all-at-once ratio)` of a way.
fn row(way: &str) -> (f64, f64, f64) {
    let line = TABLE
        .lines()
        .find(|l| l.starts_with(way))
        .unwrap_or_else(|| panic!("no row for {way} in src/bench/bridging.txt"));
    let words: Vec<&str> = line[way.len()..].split_whitespace().collect();
    let bare: f64 = words[0].parse().expect("the bare call's µs");
    // The line ends `x1.00 / x1.00`: one by one, then all at once.
    let ratio = |word: &str| -> f64 {
        let number = word
            .strip_prefix('x')
            .unwrap_or_else(|| panic!("`{word}` in: {line}"));
        number.parse().unwrap()
    };
    let n = words.len();
    (bare, ratio(words[n - 3]), ratio(words[n - 1]))
}

#[test]
fn the_table_has_the_shape_the_page_describes() {
    let (tokio_bare, _, _) = row("tokio (no bridge)");
    for way in ["async-std + async-compat", "smol + async-compat"] {
        let (bare, one, all) = row(way);
        assert!(
            bare < tokio_bare + 0.1,
            "{way}: under a tenth of a µs more per call"
        );
        assert!((0.95..=1.05).contains(&one), "{way}: one by one within 5%");
        assert!(
            (1.0..=1.6).contains(&all),
            "{way}: all at once, somewhat more than tokio"
        );
    }
    for way in ["async-std + side runtime", "smol + side runtime"] {
        let (bare, one, all) = row(way);
        assert!(
            (5.0..=40.0).contains(&bare),
            "{way}: a task and an answer across threads"
        );
        assert!((0.95..=1.05).contains(&one), "{way}: one by one within 5%");
        assert!(
            all < 1.0,
            "{way}: all at once, faster than the single-task tokio run"
        );
    }
}
