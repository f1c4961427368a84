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
pub mod open_files;
pub mod render;
pub mod svg;
pub mod timeline;

pub use cli::{Flag, Settings};
pub use join::{panic_message, unless_cancelled};

/// An error with every cause under it, as one line: `error sending request:
/// connection refused`. A failed run shows this, so its cause is not lost.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        // Some errors repeat their cause's words in their own message.
        if !text.ends_with(&cause_text) {
            text = format!("{text}: {cause_text}");
        }
        source = cause.source();
    }
    text
}
pub use timeline::{Crowd, Event, KEPT_TASKS, TaskRecord, Timeline};

/// A scenario's [`Run::PerRuntime`], for a chapter crate whose
/// `tokio_version`, `async_std_version` and `smol_version` modules each
/// have a function named `$scenario` taking `(Timeline, Duration)`: the
/// runtime asked for runs its own, and what it returned is printed with
/// `{:?}`. `per_runtime!(name)` is for an `async fn`, run with that
/// module's `block_on`; `per_runtime!(builds_runtime name)` for a plain
/// `fn` that builds and stops its runtime itself.
#[macro_export]
macro_rules! per_runtime {
    ($scenario:ident) => {
        $crate::per_runtime!(@run |tl, unit| {
            tokio: tokio_version::block_on(tokio_version::$scenario(tl, unit)),
            async_std: async_std_version::block_on(async_std_version::$scenario(tl, unit)),
            smol: smol_version::block_on(smol_version::$scenario(tl, unit)),
        })
    };
    (builds_runtime $scenario:ident) => {
        $crate::per_runtime!(@run |tl, unit| {
            tokio: tokio_version::$scenario(tl, unit),
            async_std: async_std_version::$scenario(tl, unit),
            smol: smol_version::$scenario(tl, unit),
        })
    };
    (@run |$tl:ident, $unit:ident| { tokio: $tokio:expr, async_std: $async_std:expr, smol: $smol:expr, }) => {{
        fn run(
            runtime: $crate::Runtime,
            tl: &$crate::Timeline,
            s: &$crate::Settings,
        ) -> Result<String, String> {
            let ($tl, $unit) = (tl.clone(), s.unit);
            Ok(match runtime {
                $crate::Runtime::Tokio => format!("{:?}", $tokio),
                $crate::Runtime::AsyncStd => format!("{:?}", $async_std),
                $crate::Runtime::Smol => format!("{:?}", $smol),
                $crate::Runtime::TokioCurrentThread | $crate::Runtime::Tiny => {
                    unreachable!("this example runs tokio, async-std and smol only")
                }
            })
        }
        $crate::Run::PerRuntime(run)
    }};
}

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
    /// The book's own runtime of a few hundred lines (chapter "Futures and
    /// async/await"), run only by that chapter's example.
    Tiny,
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

    /// The four, and the book's tiny runtime.
    pub const WITH_TINY: &'static [Runtime] = &[
        Runtime::Tokio,
        Runtime::TokioCurrentThread,
        Runtime::AsyncStd,
        Runtime::Smol,
        Runtime::Tiny,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Runtime::Tokio => "tokio",
            Runtime::TokioCurrentThread => "tokio-ct",
            Runtime::AsyncStd => "async-std",
            Runtime::Smol => "smol",
            Runtime::Tiny => "tiny",
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
    /// The shortest `--unit-ms` the scenarios stay correct at.
    pub min_unit_ms: u64,
    pub flags: &'static [Flag],
    pub scenarios: &'static [Scenario],
    /// Print a table of every run at the end (useful when scenarios are
    /// different approaches to the same job).
    pub final_table: bool,
}

/// Runs one scenario on the runtimes selected and reports what happened.
pub fn run_scenario(scenario: &Scenario, settings: &Settings) -> Vec<Report> {
    let mut reports = Vec::new();
    run_scenario_each(scenario, settings, &mut |report| {
        reports.push(report);
        Ok(())
    })
    .expect("collecting reports cannot fail");
    reports
}

/// Runs one scenario on the runtimes selected, handing each runtime's report
/// to `each` as soon as that run is over (so that Ctrl-C loses nothing that
/// already ran). Stops at the first error `each` returns.
pub fn run_scenario_each(
    scenario: &Scenario,
    settings: &Settings,
    each: &mut dyn FnMut(Report) -> std::io::Result<()>,
) -> std::io::Result<()> {
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
            crowd: timeline.crowd(),
            ideal: scenario.ideal.map(|ideal| ideal(settings)),
        }
    };
    match scenario.run {
        Run::PerRuntime(run) => {
            for &rt in &settings.runtimes {
                each(report(rt.name(), &|tl| run(rt, tl, settings)))?;
            }
            Ok(())
        }
        Run::Once(label, run) => each(report(label, &|tl| run(tl, settings))),
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
        crowd: timeline.crowd(),
        ideal: None,
    };
    let reports = [report];
    format!(
        "{}\n{}",
        render::summary(&reports),
        render::timelines(&reports).trim_end()
    )
}

/// Runs what `settings` selected and writes the result to `out`, each
/// runtime's line as soon as its run is over. Returns the runs that failed,
/// as `scenario on runtime`.
pub fn run(
    example: &Example,
    settings: &Settings,
    out: &mut dyn Write,
) -> std::io::Result<Vec<String>> {
    let mut all = Vec::new();
    for name in &settings.scenarios {
        let scenario = example.scenarios.iter().find(|s| s.name == *name).unwrap();
        let with_ideal = scenario.ideal.is_some();
        if !settings.json {
            writeln!(out, "== {}: {}", scenario.name, scenario.about)?;
            writeln!(out, "   (1 unit = {})\n", render::ms(settings.unit))?;
            write!(out, "{}", render::summary_header(with_ideal))?;
            out.flush()?;
        }
        let mut reports = Vec::new();
        run_scenario_each(scenario, settings, &mut |report| {
            if settings.json {
                write!(out, "{}", render::json_lines(&report))?;
            } else {
                write!(out, "{}", render::summary_line(&report, with_ideal))?;
            }
            out.flush()?;
            reports.push(report);
            Ok(())
        })?;
        if !settings.json {
            writeln!(out)?;
            write!(out, "{}", render::timelines(&reports))?;
        }
        out.flush()?;
        all.extend(reports);
    }
    if example.final_table && !settings.json && settings.scenarios.len() > 1 {
        writeln!(out, "== all runs\n")?;
        write!(out, "{}", render::final_table(&all))?;
    }
    Ok(all
        .iter()
        .filter(|r| r.failed)
        .map(|r| format!("{} on {}", r.scenario, r.runtime))
        .collect())
}

/// The whole `main` of an example: parse, run, print. Exits with 0 when
/// every run succeeded, 1 when one failed (after printing everything), and 2
/// with a message on a bad command line.
pub fn main(example: &Example) -> ExitCode {
    let args = match cli::args_from_os(std::env::args_os().skip(1)) {
        Ok(args) => args,
        Err(message) => return usage_error(example, &message),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match cli::parse(example, &args) {
        Err(message) => return usage_error(example, &message),
        Ok(cli::Command::Help) => out.write_all(cli::help(example).as_bytes()),
        Ok(cli::Command::Run(settings)) => match run(example, &settings, &mut out) {
            Ok(failed) if failed.is_empty() => Ok(()),
            Ok(failed) => {
                eprintln!(
                    "error: {} run(s) failed: {} (the error is in the `returned` column above)",
                    failed.len(),
                    failed.join(", ")
                );
                return ExitCode::FAILURE;
            }
            Err(e) => Err(e),
        },
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) means the reader has seen enough: stop quietly.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: could not write the output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error(example: &Example, message: &str) -> ExitCode {
    eprintln!(
        "error: {message}\n\nRun `cargo run --example {} -- --help` to see what is allowed.",
        example.name
    );
    ExitCode::from(2)
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
        min_unit_ms: 1,
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

    fn fails(rt: Runtime, _: &Timeline, _: &Settings) -> Result<String, String> {
        match rt {
            Runtime::AsyncStd => Err("connection refused".into()),
            _ => Ok("fine".into()),
        }
    }

    #[test]
    fn a_failed_run_is_reported_and_marked_in_the_final_table() {
        let example = Example {
            final_table: true,
            scenarios: &[
                Scenario {
                    name: "one",
                    about: "first",
                    run: Run::PerRuntime(fails),
                    ideal: Some(|s: &Settings| s.unit),
                },
                Scenario {
                    name: "two",
                    about: "second",
                    run: Run::PerRuntime(noop),
                    ideal: None,
                },
            ],
            ..EXAMPLE
        };
        let mut out = Vec::new();
        let failed = run(&example, &cli::settings(&example, &[]), &mut out).unwrap();
        assert_eq!(failed, ["one on async-std"]);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("error: connection refused"), "{text}");
        let table = text.split("== all runs").nth(1).unwrap();
        let row = |rt: &str| {
            table
                .lines()
                .find(|l| l.starts_with(&format!("one {:<18} {rt} ", "")))
                .unwrap_or_else(|| panic!("{table}"))
                .to_string()
        };
        assert!(row("async-std").ends_with("FAILED"), "{table}");
        assert!(!row("smol").contains("FAILED"), "{table}");
    }

    #[test]
    fn each_runtime_line_is_written_before_the_next_runtime_runs() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static WRITTEN: AtomicUsize = AtomicUsize::new(0);
        /// A writer that counts the summary lines it has been given.
        struct Counting(Vec<u8>);
        impl Write for Counting {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0.extend_from_slice(buf);
                let runtime_lines = String::from_utf8_lossy(&self.0)
                    .lines()
                    .filter(|l| l.starts_with("tokio ") || l.starts_with("async-std "))
                    .count();
                WRITTEN.store(runtime_lines, Ordering::SeqCst);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        fn seen_before(rt: Runtime, _: &Timeline, _: &Settings) -> Result<String, String> {
            Ok(format!(
                "{rt:?} saw {} lines",
                WRITTEN.load(Ordering::SeqCst)
            ))
        }
        let example = Example {
            scenarios: &[Scenario {
                name: "one",
                about: "first",
                run: Run::PerRuntime(seen_before),
                ideal: None,
            }],
            ..EXAMPLE
        };
        let mut out = Counting(Vec::new());
        run(&example, &cli::settings(&example, &[]), &mut out).unwrap();
        let text = String::from_utf8(out.0).unwrap();
        assert!(text.contains("AsyncStd saw 1 lines"), "{text}");
        assert!(text.contains("Smol saw 2 lines"), "{text}");
    }

    #[test]
    fn a_unit_below_the_examples_minimum_is_refused_with_the_reason() {
        let example = Example {
            min_unit_ms: 50,
            ..EXAMPLE
        };
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let err = cli::parse(&example, &args(&["--unit-ms", "49"])).unwrap_err();
        assert!(err.contains("use 50 or more"), "{err}");
        assert!(cli::parse(&example, &args(&["--unit-ms", "50"])).is_ok());
        assert!(cli::help(&example).contains("50 to 10000"));
    }

    #[test]
    fn an_argument_that_is_not_utf8_is_an_error_not_a_panic() {
        use std::os::unix::ffi::OsStringExt;
        let bad = std::ffi::OsString::from_vec(vec![b'-', b'-', 0xff]);
        let err = cli::args_from_os([bad]).unwrap_err();
        assert!(err.contains("not valid UTF-8"), "{err}");
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
        let failed = run(
            &EXAMPLE,
            &settings(&["--trace", "json", "--runtime", "tokio"]),
            &mut out,
        )
        .unwrap();
        assert!(failed.is_empty());
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
