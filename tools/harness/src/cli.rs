//! The command line every example shares:
//! `--runtime`, `--scenario`, `--unit-ms`, `--trace json`, `--help`,
//! plus any flags an example adds (see [`Flag`]).

use crate::{Example, Runtime};
use std::time::Duration;

/// An example's own flag, such as `--requests 5`. Its value is a whole number.
pub struct Flag {
    pub name: &'static str,
    pub default: u64,
    pub min: u64,
    pub max: u64,
    pub help: &'static str,
}

/// What the command line asked for.
#[derive(Debug, PartialEq)]
pub enum Command {
    Help,
    Run(Settings),
}

/// A validated command line.
#[derive(Debug, PartialEq)]
pub struct Settings {
    pub runtimes: Vec<Runtime>,
    pub scenarios: Vec<&'static str>,
    /// The length of one delay unit; scenarios give their delays in units.
    pub unit: Duration,
    pub json: bool,
    values: Vec<(&'static str, u64)>,
}

impl Settings {
    /// `n` delay units.
    pub fn units(&self, n: u32) -> Duration {
        self.unit * n
    }

    /// The value of one of the example's own flags.
    pub fn value(&self, flag: &str) -> u64 {
        self.values
            .iter()
            .find(|(name, _)| *name == flag)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("the example has no flag {flag}"))
    }
}

/// The arguments as text; one that is not valid UTF-8 is an error that
/// names it, not a panic.
pub fn args_from_os(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Result<Vec<String>, String> {
    args.into_iter()
        .map(|arg| {
            arg.into_string().map_err(|bad| {
                format!(
                    "the argument {bad:?} is not valid UTF-8; every flag and value is plain text"
                )
            })
        })
        .collect()
}

const UNIT_MS_RANGE: (u64, u64) = (1, 10_000);

/// Parses the arguments after the program name.
pub fn parse(example: &Example, args: &[String]) -> Result<Command, String> {
    let mut runtimes = example.runtimes.to_vec();
    let mut scenarios: Vec<&'static str> = example.scenarios.iter().map(|s| s.name).collect();
    let mut unit_ms = example.default_unit_ms;
    let mut json = false;
    let mut values: Vec<(&'static str, u64)> =
        example.flags.iter().map(|f| (f.name, f.default)).collect();

    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        if arg == "--help" || arg == "-h" {
            return Ok(Command::Help);
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg, None),
        };
        if !name.starts_with("--") {
            return Err(format!(
                "unexpected argument `{arg}`; flags start with `--`"
            ));
        }
        let known = ["--runtime", "--scenario", "--unit-ms", "--trace"].contains(&name)
            || example.flags.iter().any(|f| f.name == name);
        if !known {
            return Err(format!(
                "unknown flag `{name}`; allowed: {}",
                allowed_flags(example)
            ));
        }
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                args.get(i)
                    .cloned()
                    .ok_or_else(|| format!("`{name}` needs a value"))?
            }
        };
        match name {
            "--runtime" => {
                runtimes = if value == "all" {
                    example.runtimes.to_vec()
                } else {
                    let runtime = example.runtimes.iter().find(|r| r.name() == value);
                    vec![*runtime.ok_or_else(|| {
                        format!("unknown runtime `{value}`; use {}", runtime_names(example))
                    })?]
                };
            }
            "--scenario" => {
                scenarios = if value == "all" {
                    example.scenarios.iter().map(|s| s.name).collect()
                } else {
                    let mut picked = Vec::new();
                    for name in value.split(',') {
                        let s = example.scenarios.iter().find(|s| s.name == name);
                        picked.push(s.map(|s| s.name).ok_or_else(|| {
                            format!(
                                "unknown scenario `{name}`; use one of: {}, all (or several, separated by commas)",
                                scenario_names(example)
                            )
                        })?);
                    }
                    picked
                };
            }
            "--unit-ms" => {
                // A word or a number out of all range: say the example's own range.
                unit_ms =
                    number(name, &value, (example.min_unit_ms, UNIT_MS_RANGE.1)).or_else(|e| {
                        match value.parse::<u64>() {
                            Ok(n) if n >= UNIT_MS_RANGE.0 && n < example.min_unit_ms => Ok(n),
                            _ => Err(e),
                        }
                    })?;
                if unit_ms < example.min_unit_ms {
                    return Err(format!(
                        "`--unit-ms {unit_ms}` is too short for {}: use {} or more. The \
                         scenarios' delays differ by one unit, and below {} ms the \
                         scheduling delays of a busy machine are as long as that",
                        example.name, example.min_unit_ms, example.min_unit_ms
                    ));
                }
            }
            "--trace" => {
                if value != "json" {
                    return Err(format!("`--trace` takes `json`, not `{value}`"));
                }
                json = true;
            }
            _ => {
                let flag = example.flags.iter().find(|f| f.name == name).unwrap();
                let v = number(name, &value, (flag.min, flag.max))?;
                values.iter_mut().find(|(n, _)| *n == name).unwrap().1 = v;
            }
        }
        i += 1;
    }
    Ok(Command::Run(Settings {
        runtimes,
        scenarios,
        unit: Duration::from_millis(unit_ms),
        json,
        values,
    }))
}

/// Settings from command-line words, for tests and notebooks that call a
/// scenario directly: `settings(&EXAMPLE, &["--requests", "5"])`.
/// Panics, with the message the command line would print, on bad words.
pub fn settings(example: &Example, args: &[&str]) -> Settings {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    match parse(example, &args) {
        Ok(Command::Run(settings)) => settings,
        Ok(Command::Help) => panic!("--help asks for no settings"),
        Err(message) => panic!("bad settings {args:?}: {message}"),
    }
}

fn number(flag: &str, value: &str, (min, max): (u64, u64)) -> Result<u64, String> {
    match value.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "`{flag}` takes a whole number from {min} to {max}, not `{value}`"
        )),
    }
}

/// "tokio, async-std, smol or all"
fn runtime_names(example: &Example) -> String {
    let names: Vec<&str> = example.runtimes.iter().map(|r| r.name()).collect();
    format!("{} or all", names.join(", "))
}

fn scenario_names(example: &Example) -> String {
    let names: Vec<&str> = example.scenarios.iter().map(|s| s.name).collect();
    names.join(", ")
}

fn allowed_flags(example: &Example) -> String {
    let mut flags = vec!["--runtime", "--scenario", "--unit-ms", "--trace", "--help"];
    flags.extend(example.flags.iter().map(|f| f.name));
    flags.join(", ")
}

/// The `--help` text.
pub fn help(example: &Example) -> String {
    let mut text = format!(
        "{}\n\nUsage: cargo run --example {} -- [OPTIONS]\n\nOptions:\n",
        example.about, example.name
    );
    let mut line = |flag: &str, help: &str| text.push_str(&format!("  {flag:<26} {help}\n"));
    let runtimes = runtime_names(example);
    // Five runtimes leave no room for "(default)" in 80 columns: the note
    // below the options says it.
    let runtimes = match example.runtimes.contains(&Runtime::Tiny) {
        true => runtimes,
        false => format!("{runtimes} (default)"),
    };
    line("--runtime NAME", &runtimes);
    line(
        "--scenario NAME",
        "a scenario, several (a,b), or all (default: all)",
    );
    line(
        "--unit-ms N",
        &format!(
            "one delay unit in ms, {} to {} (default: {})",
            example.min_unit_ms.max(UNIT_MS_RANGE.0),
            UNIT_MS_RANGE.1,
            example.default_unit_ms
        ),
    );
    line(
        "--trace json",
        "print one JSON object per event instead of text",
    );
    for f in example.flags {
        line(
            &format!("{} N", f.name),
            &format!("{} (default: {})", f.help, f.default),
        );
    }
    line("--help", "print this help");
    if example.runtimes.contains(&Runtime::TokioCurrentThread) {
        text.push_str(
            "\n  tokio is tokio's multi-threaded scheduler, tokio-ct its current-thread one.\n",
        );
    }
    if example.runtimes.contains(&Runtime::Tiny) {
        text.push_str("  tiny is the book's own runtime. By default all of them run.\n");
    }
    text.push_str("\nScenarios:\n");
    for s in example.scenarios {
        text.push_str(&format!("  {:<20} {}\n", s.name, s.about));
    }
    text
}
