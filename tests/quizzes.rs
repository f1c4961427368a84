//! Every chapter ends with a "predict, then run" quiz (mdbook-quiz, files in
//! `src/quizzes/`, named after the chapter's first page, shown on its last
//! page), and every answer agrees with the real run it cites.
//!
//! A question proves its answer with a `[questions.proof]` table:
//! - `output = "EXAMPLE/SCENARIO.txt"`, a recorded run under `src/output/`
//!   (which `tests/book.rs` keeps true against fresh runs), with
//!   - `exact = 'REGEX'`: every capture group of every match is a text the
//!     answer states word for word (an order, a value, a lane's name);
//!   - `about = 'REGEX'`: every capture is a number the answer states
//!     within `within` (a fraction, 0.25 unless given, at most 0.5) of the
//!     recorded one;
//!   - `absent = 'REGEX'`: every capture is a text the answer must not
//!     state (the runtimes left out of "smol only");
//!
//!   and the explanation links the recorded run (`output/EXAMPLE/SCENARIO.txt`).
//!   The answer states the values of `exact`, and those of `about`, in the
//!   order the run prints them (a value the run repeats, once), so that
//!   "5 without the lock, 1 with it" is not proved by a run that says the
//!   opposite; and each time it gives in ms is near an `about` capture or
//!   inside an `exact` one. A question that needs two runs gives two
//!   proofs (`[[questions.proof]]`), and its answer agrees with both.
//! - or `compile_fail = "chapters/CRATE/snippets/NAME.rs"` with
//!   `error = "E0XXX"`: a snippet the crate's trybuild test compiles and
//!   expects to fail with that error; the explanation names the error, and
//!   code shown in the prompt is lines of the snippet, not a copy.
//!
//! A distractor that the same proofs would accept fails the test: a quiz
//! must not have two right answers.

mod support;
use regex_lite::Regex;
use std::collections::BTreeSet;
use std::path::Path;
use support::root;
use toml::{Table, Value};

/// The chapters: the top-level entries of SUMMARY.md's numbered parts
/// (before the `---` that starts the appendices), each with its last page
/// (its last sub-page, or itself), where the chapter's quiz goes.
fn chapters() -> Vec<(String, String)> {
    let summary = std::fs::read_to_string(root().join("src/SUMMARY.md")).unwrap();
    let link = Regex::new(r"^( *)- \[[^\]]+\]\(([^)]+\.md)\)").unwrap();
    let mut chapters: Vec<(String, String)> = Vec::new();
    for line in summary.lines().take_while(|line| line.trim() != "---") {
        let Some(c) = link.captures(line) else {
            continue;
        };
        let page = c[2].to_string();
        match chapters.last_mut() {
            Some(chapter) if !c[1].is_empty() => chapter.1 = page,
            _ => chapters.push((page.clone(), page)),
        }
    }
    chapters
}

fn quiz_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("src/quizzes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

fn read_quiz(name: &str) -> Table {
    let path = root().join("src/quizzes").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    text.parse::<Table>()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn questions(quiz: &Table) -> Vec<&Table> {
    quiz["questions"]
        .as_array()
        .expect("a quiz is an array of [[questions]]")
        .iter()
        .map(|q| q.as_table().expect("a question is a table"))
        .collect()
}

fn text<'a>(table: &'a Table, dotted: &str) -> Option<&'a str> {
    let mut value: Option<&Value> = None;
    let mut at = table;
    for key in dotted.split('.') {
        value = at.get(key);
        if let Some(Value::Table(t)) = value {
            at = t;
        }
    }
    value.and_then(Value::as_str)
}

fn texts(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// What the reader may give as the right answer, and the wrong ones offered.
fn answers_and_distractors(question: &Table) -> (Vec<String>, Vec<String>) {
    let answer = question["answer"].as_table().expect("answer table");
    let prompt = question["prompt"].as_table().expect("prompt table");
    let mut right = texts(answer.get("answer"));
    right.extend(texts(answer.get("alternatives")));
    (right, texts(prompt.get("distractors")))
}

/// The numbers written in a text ("about 300 ms", "1.5 s", "[1, 2, 3]"),
/// in order, each with whether a unit of `ms` follows it.
fn numbers_in(text: &str) -> Vec<(f64, bool)> {
    let number = Regex::new(r"(\d+(?:[.,]\d+)*)( ?ms\b)?").unwrap();
    number
        .captures_iter(text)
        .filter_map(|c| {
            let n = c[1].replace(',', "").parse().ok()?;
            Some((n, c.get(2).is_some()))
        })
        .collect()
}

/// Whether `answer` holds `value` as a whole, not inside a longer word or
/// number: `0` is not stated by `100 ms` nor by `2.0`, `ran` not by `rank`.
fn states(answer: &str, value: &str) -> bool {
    stated_at(answer, value, 0).is_some()
}

/// Where `answer` first holds `value` as a whole at or after the character
/// index `from`.
fn stated_at(answer: &str, value: &str, from: usize) -> Option<usize> {
    let chars: Vec<char> = answer.chars().collect();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    // A character that continues a word or number at index `i`: a decimal
    // point counts only between digits.
    let continues = |i: Option<usize>| match i.and_then(|i| chars.get(i)) {
        Some(&'.') => {
            let digit = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(char::is_ascii_digit)
            };
            let i = i.unwrap();
            digit(i.checked_sub(1)) && digit(Some(i + 1))
        }
        Some(&c) => word(c),
        None => false,
    };
    let value_chars: Vec<char> = value.chars().collect();
    let (Some(&first), Some(&last)) = (value_chars.first(), value_chars.last()) else {
        return None;
    };
    (from..chars.len())
        .filter(|&i| chars[i..].starts_with(&value_chars))
        .find(|&i| {
            let end = i + value_chars.len();
            let open = !word(first) || !continues(i.checked_sub(1));
            let close = !word(last) || !continues(Some(end));
            open && close
        })
}

/// The values in the order they first appear, each once.
fn distinct<T: PartialEq + Clone>(values: &[T]) -> Vec<T> {
    let mut seen: Vec<T> = Vec::new();
    for value in values {
        if !seen.contains(value) {
            seen.push(value.clone());
        }
    }
    seen
}

/// Checks one answer text against a recorded run; `Err` says what differs.
struct OutputProof {
    /// Texts the answer states, in this order.
    exact: Vec<String>,
    /// Numbers the answer states, in this order, within `within`.
    about: Vec<f64>,
    within: f64,
    /// Texts the answer must not state.
    absent: Vec<String>,
}

impl OutputProof {
    fn accepts(&self, answer: &str) -> Result<(), String> {
        let mut from = 0;
        let mut previous: Option<&str> = None;
        for value in distinct(&self.exact).iter() {
            match stated_at(answer, value, from) {
                Some(at) => from = at + value.chars().count(),
                None if states(answer, value) => {
                    return Err(format!(
                        "states `{value}` before `{}`: the run has them the other way round",
                        previous.unwrap_or_default()
                    ));
                }
                None => return Err(format!("does not state `{value}`")),
            }
            previous = Some(value);
        }
        for value in &self.absent {
            if states(answer, value) {
                return Err(format!("states `{value}`, which the run does not"));
            }
        }
        let stated = numbers_in(answer);
        let mut next = 0;
        for &recorded in &distinct(&self.about) {
            let close = |n: f64| self.close(n, recorded);
            match stated[next..].iter().position(|&(n, _)| close(n)) {
                Some(i) => next += i + 1,
                None if stated.iter().any(|&(n, _)| close(n)) => {
                    return Err(format!(
                        "states a number close to {recorded} too early: the run prints the numbers in another order"
                    ));
                }
                None => {
                    return Err(format!(
                        "states no number within {:.0}% of {recorded}",
                        self.within * 100.0
                    ));
                }
            }
        }
        Ok(())
    }

    fn close(&self, stated: f64, recorded: f64) -> bool {
        (stated - recorded).abs() <= self.within * recorded.abs()
    }
}

/// A question's proofs together: the answer must satisfy all of them, and
/// every time it gives in ms must be one the runs recorded (near an `about`
/// capture, or within an `exact` one).
fn accepted(proofs: &[OutputProof], answer: &str) -> Result<(), String> {
    for proof in proofs {
        proof.accepts(answer)?;
    }
    let near_about = |n: f64| {
        proofs
            .iter()
            .any(|p| p.about.iter().any(|&r| p.close(n, r)))
    };
    let in_exact = |n: f64| {
        let mut exact = proofs.iter().flat_map(|p| &p.exact);
        exact.any(|text| numbers_in(text).iter().any(|&(e, _)| e == n))
    };
    for (n, ms) in numbers_in(answer) {
        if ms && !near_about(n) && !in_exact(n) {
            return Err(format!(
                "states {n} ms, which no `about` or `exact` capture proves: prove it, or leave it out"
            ));
        }
    }
    Ok(())
}

fn captures(pattern: &str, output: &str, question: &str) -> Vec<String> {
    let regex = Regex::new(pattern).unwrap_or_else(|e| panic!("{question}: bad regex: {e}"));
    assert!(
        regex.captures_len() > 1,
        "{question}: the pattern `{pattern}` has no capture group: put the answer's part in (...)"
    );
    let mut found = Vec::new();
    for caps in regex.captures_iter(output) {
        for group in caps.iter().skip(1).flatten() {
            found.push(group.as_str().to_string());
        }
    }
    assert!(
        !found.is_empty(),
        "{question}: `{pattern}` matches nothing in the recorded run it cites"
    );
    found
}

/// The proof a `[questions.proof]` table with `output` gives, once it is
/// known to cite a recorded run that its regexes find something in.
fn output_proof(id: &str, proof: &Table, context: &str) -> OutputProof {
    let cited = proof["output"].as_str().expect("proof.output is a string");
    let path = root().join("src/output").join(cited);
    let output = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{id}: cites src/output/{cited}, which does not exist"));
    assert!(
        output.starts_with("$ cargo run --example"),
        "{id}: src/output/{cited} is not a recorded run (its first line is the command)"
    );
    assert!(
        context.contains(&format!("(output/{cited})")),
        "{id}: the explanation must link the run it cites: [the recorded run](output/{cited})"
    );
    let texts = |key: &str| {
        text(proof, key)
            .map(|p| captures(p, &output, id))
            .unwrap_or_default()
    };
    let (exact, absent) = (texts("exact"), texts("absent"));
    let about: Vec<f64> = texts("about")
        .iter()
        .map(|n| {
            n.parse()
                .unwrap_or_else(|_| panic!("{id}: `about` captured `{n}`, not a number"))
        })
        .collect();
    assert!(
        !exact.is_empty() || !about.is_empty(),
        "{id}: proof needs `exact` or `about`"
    );
    let within = proof
        .get("within")
        .and_then(Value::as_float)
        .unwrap_or(0.25);
    assert!(
        within > 0.0 && within <= 0.5,
        "{id}: `within` is {within}: more than 0.5 would let a number twice too small through"
    );
    OutputProof {
        exact,
        about,
        within,
        absent,
    }
}

/// The answers agree with every proof; each distractor contradicts one.
fn check_output_proofs(id: &str, question: &Table, proofs: &[OutputProof], cited: &str) {
    let (right, wrong) = answers_and_distractors(question);
    assert!(!right.is_empty(), "{id}: no answer");
    for answer in &right {
        if let Err(why) = accepted(proofs, answer) {
            panic!("{id}: the answer `{answer}` disagrees with {cited}: it {why}");
        }
    }
    for distractor in &wrong {
        assert!(
            accepted(proofs, distractor).is_err(),
            "{id}: the distractor `{distractor}` agrees with {cited} too"
        );
    }
}

fn check_compile_fail_proof(id: &str, question: &Table, proof: &Table, context: &str) {
    let snippet = proof["compile_fail"].as_str().unwrap();
    let error = proof
        .get("error")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{id}: compile_fail needs `error`, the error it fails with"));
    let snippet_path = root().join(snippet);
    let crate_dir = snippet_path.parent().and_then(Path::parent).unwrap();
    assert!(
        snippet_path.exists()
            && snippet.contains("/snippets/")
            && crate_dir.join("tests/compile_errors.rs").exists(),
        "{id}: {snippet} is not a snippet that its crate's tests/compile_errors.rs compiles"
    );
    let stderr = std::fs::read_to_string(snippet_path.with_extension("stderr"))
        .unwrap_or_else(|_| panic!("{id}: {snippet} has no .stderr beside it"));
    assert!(
        stderr.contains(error),
        "{id}: the compiler's words for {snippet} do not contain `{error}`"
    );
    assert!(
        context.contains(error),
        "{id}: the explanation must name `{error}`"
    );
    match text(question, "type") {
        Some("Tracing") => {
            let program = text(question, "prompt.program").unwrap_or_default();
            let source = std::fs::read_to_string(&snippet_path).unwrap();
            assert_eq!(
                program.trim(),
                source.trim(),
                "{id}: the program shown must be {snippet} itself, not a copy that drifts"
            );
            let answer = question["answer"].as_table().unwrap();
            assert_eq!(
                answer.get("doesCompile").and_then(Value::as_bool),
                Some(false),
                "{id}: {snippet} does not compile"
            );
        }
        _ => {
            let prompt = text(question, "prompt.prompt").unwrap_or_default();
            let source = std::fs::read_to_string(&snippet_path).unwrap();
            for shown in code_blocks(prompt) {
                assert!(
                    is_run_of_lines(&shown, &source),
                    "{id}: the code in the prompt must be lines of {snippet} as they are, not a copy that drifts"
                );
            }
            let (right, wrong) = answers_and_distractors(question);
            assert!(
                right.iter().all(|a| says_no_compile(a, error)),
                "{id}: the answer must say it does not compile (or name {error})"
            );
            assert!(
                !wrong.iter().any(|d| says_no_compile(d, error)),
                "{id}: a distractor says it does not compile too"
            );
        }
    }
}

/// Whether a text says that the code does not compile, in any of the usual
/// words, or names the compiler's error.
fn says_no_compile(text: &str, error: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains(&error.to_lowercase())
        || [
            "not compile",
            "n't compile",
            "fails to compile",
            "compile error",
            "compiler error",
            "compiler rejects",
            "rejected by the compiler",
        ]
        .iter()
        .any(|words| lower.contains(words))
}

/// The fenced code blocks of a Markdown text.
fn code_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<Vec<&str>> = None;
    for line in markdown.lines() {
        match (&mut open, line.trim_start().starts_with("```")) {
            (None, true) => open = Some(Vec::new()),
            (Some(lines), true) => {
                blocks.push(lines.join("\n"));
                open = None;
            }
            (Some(lines), false) => lines.push(line),
            (None, false) => {}
        }
    }
    blocks
}

/// Whether `shown` is one run of whole lines of `source`.
fn is_run_of_lines(shown: &str, source: &str) -> bool {
    let shown: Vec<&str> = shown.trim_matches('\n').lines().collect();
    let source: Vec<&str> = source.lines().collect();
    !shown.is_empty() && source.windows(shown.len()).any(|w| w == shown.as_slice())
}

#[test]
fn every_chapter_ends_with_a_quiz_of_three_to_five_questions() {
    let quizzes = quiz_files();
    let mut missing = Vec::new();
    for (page, last) in chapters() {
        let quiz = page.replace(".md", ".toml");
        let markdown = std::fs::read_to_string(root().join("src").join(&last)).unwrap();
        let directive = format!("{{{{#quiz quizzes/{quiz}}}}}");
        if !quizzes.contains(&quiz) || !markdown.contains(&directive) {
            missing.push(format!(
                "{page} (wants src/quizzes/{quiz}, and {directive} on {last}, the chapter's last page)"
            ));
            continue;
        }
        let count = questions(&read_quiz(&quiz)).len();
        assert!(
            (3..=5).contains(&count),
            "src/quizzes/{quiz} has {count} questions: a chapter's quiz has 3 to 5"
        );
    }
    assert!(
        missing.is_empty(),
        "chapters without a quiz:\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn every_quiz_answer_agrees_with_the_run_it_cites() {
    let quizzes = quiz_files();
    assert!(!quizzes.is_empty(), "no quizzes in src/quizzes");
    let mut ids = BTreeSet::new();
    let mut count = 0;
    for name in &quizzes {
        let stem = name.trim_end_matches(".toml");
        for question in questions(&read_quiz(name)) {
            count += 1;
            // mdbook-quiz writes a random id into a question that has none:
            // a stable one keeps the build from editing the sources.
            let id = text(question, "id").unwrap_or_else(|| panic!("{name}: a question has no id"));
            assert!(
                id.starts_with(stem) && ids.insert(id.to_string()),
                "{name}: id `{id}` must be unique and start with `{stem}`"
            );
            let kind = text(question, "type").unwrap_or_default();
            assert!(
                ["MultipleChoice", "ShortAnswer", "Tracing"].contains(&kind),
                "{id}: unknown question type `{kind}`"
            );
            let context = text(question, "context").unwrap_or_default();
            let proofs: Vec<&Table> = match question.get("proof") {
                Some(Value::Table(proof)) => vec![proof],
                Some(Value::Array(proofs)) => proofs.iter().filter_map(Value::as_table).collect(),
                _ => Vec::new(),
            };
            assert!(
                !proofs.is_empty(),
                "{id}: no [questions.proof]: cite the run or snippet that proves the answer"
            );
            if proofs.iter().all(|p| p.contains_key("output")) {
                let checks: Vec<OutputProof> = proofs
                    .iter()
                    .map(|p| output_proof(id, p, context))
                    .collect();
                let cited: Vec<String> = proofs
                    .iter()
                    .map(|p| format!("src/output/{}", p["output"].as_str().unwrap()))
                    .collect();
                check_output_proofs(id, question, &checks, &cited.join(" and "));
            } else if let [proof] = proofs.as_slice()
                && proof.contains_key("compile_fail")
            {
                check_compile_fail_proof(id, question, proof, context);
            } else {
                panic!("{id}: each proof needs `output`, or one proof `compile_fail`");
            }
        }
    }
    println!("{count} quiz questions in {} quizzes", quizzes.len());
}

#[test]
fn a_proof_rejects_a_wrong_answer() {
    // The checker itself can fail: a wrong order, a wrong time.
    let proof = OutputProof {
        exact: vec!["[1, 2, 3]".into()],
        about: vec![302.0],
        within: 0.25,
        absent: Vec::new(),
    };
    assert!(proof.accepts("`[1, 2, 3]` after about 300 ms").is_ok());
    assert!(proof.accepts("`[3, 1, 2]` after about 300 ms").is_err());
    assert!(proof.accepts("`[1, 2, 3]` after about 600 ms").is_err());
    assert!(proof.accepts("`[1, 2, 3]` after about 200 ms").is_err());
    // A value is stated whole, not inside a longer number or word.
    assert!(states("0 heartbeats", "0") && states("(0)", "0"));
    assert!(!states("100 ms", "0") && !states("2.0 units", "0"));
    assert!(states("it ran.", "ran") && !states("it is rank", "ran"));
    // Values stated in the other order than the run's: two numbers swapped.
    let order = OutputProof {
        exact: vec!["5".into(), "1".into()],
        about: vec![9.1, 5.1],
        within: 0.25,
        absent: Vec::new(),
    };
    assert!(
        order
            .accepts("5 fetches without, 1 with; batches 9, window 5")
            .is_ok()
    );
    assert!(
        order
            .accepts("1 fetch without, 5 with; batches 9, window 5")
            .is_err()
    );
    assert!(
        order
            .accepts("5 fetches without, 1 with; batches 5, window 9")
            .is_err()
    );
    // A value repeated by the run (one per runtime) is stated once.
    let repeated = OutputProof {
        exact: vec!["ran".into(), "ran".into()],
        about: vec![404.0, 404.0],
        within: 0.25,
        absent: Vec::new(),
    };
    assert!(repeated.accepts("it ran, after 400 ms both ways").is_ok());
    // "smol only" is not proved by a run where tokio does it too.
    let only = OutputProof {
        exact: vec!["smol".into()],
        about: Vec::new(),
        within: 0.25,
        absent: vec!["tokio".into()],
    };
    assert!(only.accepts("smol only").is_ok());
    assert!(only.accepts("smol and tokio").is_err());
    // A time in ms that no proof captured is a claim nothing checks.
    assert!(accepted(std::slice::from_ref(&repeated), "ran: 400 ms both ways").is_ok());
    assert!(accepted(&[repeated], "ran: 400 ms awaited, 600 ms as a chain").is_err());
    // Saying that code does not compile, in other words.
    assert!(says_no_compile("It won't compile: E0373", "E0499"));
    assert!(says_no_compile("It fails to compile", "E0373"));
    assert!(!says_no_compile("It compiles, and prints 1", "E0373"));
    // Code shown in a prompt is a run of the snippet's lines.
    let source = "use std::rc::Rc;\n\nasync fn f() {\n    g().await;\n}\n";
    assert!(is_run_of_lines("async fn f() {\n    g().await;\n}", source));
    assert!(!is_run_of_lines("async fn f() {\n    g();\n}", source));
    assert_eq!(
        code_blocks("Does this compile?\n\n```rust\nfn f() {}\n```\n"),
        ["fn f() {}"]
    );
}
