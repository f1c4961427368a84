//! The comparison harness every chapter's example uses.
//!
//! A chapter describes its example as an [`Example`]: a list of
//! [`Scenario`]s, each with a function that runs it on one [`Runtime`] and
//! records what its tasks did on a [`Timeline`]. The harness parses the
//! command line, runs each scenario on each runtime one after another, and
//! prints the runs side by side (or as JSON lines with `--trace json`).
//!
//! You do not need to read this crate to follow a chapter: the runtime
//! versions in `chapters/*/src/` are plain code for their runtime.

pub mod cli;
pub mod compare;
pub mod join;
pub mod render;
pub mod timeline;

pub use cli::{Flag, Settings};
pub use join::unless_cancelled;
pub use timeline::{Event, TaskRecord, Timeline};

use render::Report;
use std::io::Write;
use std::process::ExitCode;

/// The runtimes the book compares. tokio appears twice because its two
/// schedulers behave differently when a task blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runtime {
    /// tokio's multi-threaded scheduler, what `#[tokio::main]` builds.
    Tokio,
    /// tokio's single-threaded scheduler (`new_current_thread`).
    TokioCurrentThread,
    AsyncStd,
    Smol,
}

impl Runtime {
    /// The three runtimes most examples compare.
    pub const THREE: &'static [Runtime] = &[Runtime::Tokio, Runtime::AsyncStd, Runtime::Smol];
    /// The three, with tokio's single-threaded scheduler beside its default one.
    pub const WITH_TOKIO_CURRENT_THREAD: &'static [Runtime] = &[
        Runtime::Tokio,
        Runtime::TokioCurrentThread,
        Runtime::AsyncStd,
        Runtime::Smol,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Runtime::Tokio => "tokio",
            Runtime::TokioCurrentThread => "tokio-ct",
            Runtime::AsyncStd => "async-std",
            Runtime::Smol => "smol",
        }
    }
}

/// How a scenario runs.
pub enum Run {
    /// Once on each runtime; returns what the scenario returned, as `{:?}`
    /// prints it, or why the run failed (the whole error chain).
    PerRuntime(fn(Runtime, &Timeline, &Settings) -> Result<String, String>),
    /// Once, without an async runtime (plain threads, processes); the label
    /// stands where the runtime's name would.
    Once(
        &'static str,
        fn(&Timeline, &Settings) -> Result<String, String>,
    ),
}

/// One scenario: the same story told on each runtime.
pub struct Scenario {
    pub name: &'static str,
    /// One line, shown in `--help` and above the scenario's output.
    pub about: &'static str,
    pub run: Run,
    /// How long the scenario would take with no overhead at all, if that is
    /// worth printing beside the measured time.
    pub ideal: Option<fn(&Settings) -> std::time::Duration>,
}

/// A chapter's example: what `cargo run --example NAME` runs.
pub struct Example {
    pub name: &'static str,
    pub about: &'static str,
    /// What `--runtime all` runs.
    pub runtimes: &'static [Runtime],
    pub default_unit_ms: u64,
    pub flags: &'static [Flag],
    pub scenarios: &'static [Scenario],
    /// Print a table of every run at the end (useful when scenarios are
    /// different approaches to the same job).
    pub final_table: bool,
}

/// Runs one scenario on the runtimes selected and reports what happened.
pub fn run_scenario(scenario: &Scenario, settings: &Settings) -> Vec<Report> {
    let report = |label: &'static str, run: &dyn Fn(&Timeline) -> Result<String, String>| {
        let timeline = Timeline::new();
        let outcome = run(&timeline);
        Report {
            runtime: label,
            scenario: scenario.name,
            failed: outcome.is_err(),
            returned: outcome.unwrap_or_else(|e| format!("error: {e}")),
            elapsed: timeline.elapsed(),
            events: timeline.events(),
            ideal: scenario.ideal.map(|ideal| ideal(settings)),
        }
    };
    match scenario.run {
        Run::PerRuntime(run) => settings
            .runtimes
            .iter()
            .map(|&rt| report(rt.name(), &|tl| run(rt, tl, settings)))
            .collect(),
        Run::Once(label, run) => vec![report(label, &|tl| run(tl, settings))],
    }
}

/// What a notebook cell prints after running a scenario by hand: how long it
/// took, what it returned, and the timeline.
pub fn show(runtime: &'static str, timeline: &Timeline, returned: impl std::fmt::Debug) -> String {
    let report = Report {
        runtime,
        scenario: "",
        failed: false,
        returned: format!("{returned:?}"),
        elapsed: timeline.elapsed(),
        events: timeline.events(),
        ideal: None,
    };
    let reports = [report];
    format!(
        "{}\n{}",
        render::summary(&reports),
        render::timelines(&reports).trim_end()
    )
}

/// Runs what `settings` selected and writes the result to `out`.
pub fn run(example: &Example, settings: &Settings, out: &mut dyn Write) -> std::io::Result<()> {
    let mut all = Vec::new();
    for name in &settings.scenarios {
        let scenario = example.scenarios.iter().find(|s| s.name == *name).unwrap();
        if !settings.json {
            writeln!(out, "== {}: {}", scenario.name, scenario.about)?;
            writeln!(out, "   (1 unit = {})\n", render::ms(settings.unit))?;
        }
        let reports = run_scenario(scenario, settings);
        if settings.json {
            for report in &reports {
                write!(out, "{}", render::json_lines(report))?;
            }
        } else {
            writeln!(out, "{}", render::summary(&reports))?;
            write!(out, "{}", render::timelines(&reports))?;
        }
        out.flush()?;
        all.extend(reports);
    }
    if example.final_table && !settings.json && settings.scenarios.len() > 1 {
        writeln!(out, "== all runs\n")?;
        write!(out, "{}", render::final_table(&all))?;
    }
    Ok(())
}

/// The whole `main` of an example: parse, run, print, and exit with 0 on
/// success or 2 with a message on a bad command line.
pub fn main(example: &Example) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::parse(example, &args) {
        Err(message) => {
            eprintln!(
                "error: {message}\n\nRun `cargo run --example {} -- --help` to see what is allowed.",
                example.name
            );
            ExitCode::from(2)
        }
        Ok(cli::Command::Help) => {
            print!("{}", cli::help(example));
            ExitCode::SUCCESS
        }
        Ok(cli::Command::Run(settings)) => {
            let stdout = std::io::stdout();
            match run(example, &settings, &mut stdout.lock()) {
                Ok(()) => ExitCode::SUCCESS,
                // A closed pipe (`| head`) is not an error worth a message.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: could not write the output: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cli::Command;

    fn noop(_: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
        Ok(tl.start("a").done(s.value("--requests")).to_string())
    }

    const EXAMPLE: Example = Example {
        name: "demo",
        about: "A demo.",
        runtimes: Runtime::THREE,
        default_unit_ms: 100,
        final_table: false,
        flags: &[Flag {
            name: "--requests",
            default: 5,
            min: 1,
            max: 10,
            help: "how many",
        }],
        scenarios: &[
            Scenario {
                name: "one",
                about: "first",
                run: Run::PerRuntime(noop),
                ideal: None,
            },
            Scenario {
                name: "two",
                about: "second",
                run: Run::PerRuntime(noop),
                ideal: None,
            },
        ],
    };

    fn parse(args: &[&str]) -> Result<Command, String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        cli::parse(&EXAMPLE, &args)
    }

    fn settings(args: &[&str]) -> Settings {
        match parse(args) {
            Ok(Command::Run(s)) => s,
            other => panic!("expected settings, got {other:?}"),
        }
    }

    #[test]
    fn defaults_run_everything_on_every_runtime() {
        let s = settings(&[]);
        assert_eq!(s.runtimes, Runtime::THREE);
        assert_eq!(s.scenarios, ["one", "two"]);
        assert_eq!(s.units(3), std::time::Duration::from_millis(300));
        assert_eq!(s.value("--requests"), 5);
        assert!(!s.json);
    }

    #[test]
    fn flags_take_a_value_after_a_space_or_an_equals_sign() {
        let s = settings(&[
            "--runtime",
            "smol",
            "--scenario=two",
            "--unit-ms",
            "7",
            "--requests=9",
            "--trace",
            "json",
        ]);
        assert_eq!(s.runtimes, [Runtime::Smol]);
        assert_eq!(s.scenarios, ["two"]);
        assert_eq!(
            settings(&["--scenario", "two,one"]).scenarios,
            ["two", "one"]
        );
        assert_eq!(s.unit, std::time::Duration::from_millis(7));
        assert_eq!(s.value("--requests"), 9);
        assert!(s.json);
    }

    #[test]
    fn bad_input_says_what_is_allowed() {
        let err = |args: &[&str]| parse(args).unwrap_err();
        assert!(err(&["--runtime", "glommio"]).contains("use tokio, async-std, smol or all"));
        assert!(err(&["--scenario", "three"]).contains("use one of: one, two, all"));
        assert!(err(&["--unit-ms", "0"]).contains("from 1 to 10000"));
        assert!(err(&["--requests", "11"]).contains("from 1 to 10"));
        assert!(err(&["--trace", "xml"]).contains("takes `json`"));
        assert!(err(&["--runtime"]).contains("needs a value"));
        assert!(err(&["--fast"]).contains("unknown flag `--fast`; allowed: --runtime"));
        assert!(err(&["tokio"]).contains("unexpected argument"));
    }

    #[test]
    fn help_lists_flags_and_scenarios() {
        assert_eq!(parse(&["--runtime", "tokio", "--help"]), Ok(Command::Help));
        let help = cli::help(&EXAMPLE);
        assert!(help.contains("--requests N"));
        assert!(help.contains("  two "));
    }

    #[test]
    fn show_prints_a_summary_and_a_timeline() {
        let tl = Timeline::new();
        tl.start("a").done(1);
        let text = show("smol", &tl, vec![1]);
        assert!(
            text.starts_with("runtime        took  returned\nsmol"),
            "{text}"
        );
        assert!(text.contains("  a  ") && text.ends_with("done 1"), "{text}");
    }

    #[test]
    fn json_mode_prints_only_json_lines() {
        let mut out = Vec::new();
        run(
            &EXAMPLE,
            &settings(&["--trace", "json", "--runtime", "tokio"]),
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 6, "{text}");
        assert!(
            text.lines()
                .all(|l| l.starts_with("{\"runtime\":\"tokio\"") && l.ends_with('}'))
        );
    }

    #[test]
    fn text_mode_prints_summary_and_timelines() {
        let mut out = Vec::new();
        run(&EXAMPLE, &settings(&["--scenario", "one"]), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with("== one: first\n   (1 unit = 100 ms)\n"),
            "{text}"
        );
        for rt in ["tokio", "async-std", "smol"] {
            assert!(text.contains(&format!("\n{rt:<10}")), "{text}");
        }
    }
}
