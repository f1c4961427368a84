//! The seeds' request tables, measured here: N requests to the slow server
//! one by one, on a pool of threads, on processes, and async on each
//! runtime; then a sweep of how long N concurrent async requests take.
//!
//! ```text
//! cargo bench --bench requests                      # delay 200 ms
//! cargo bench --bench requests -- --unit-ms 3000    # the seeds' 3 s delay (slow: 100 requests one by one take 5 minutes)
//! ```

use blocking_vs_nonblocking::{EXAMPLE, std_version};
use harness::{Runtime, run_scenario};
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    // The `processes` approach starts this program again as its children.
    if let Some(code) = std_version::child_main() {
        return code;
    }
    let mut unit_ms = 200;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (
            arg.as_str(),
            args.next().and_then(|v| v.parse::<u64>().ok()),
        ) {
            ("--unit-ms", Some(ms)) if ms > 0 => unit_ms = ms,
            ("--bench", _) => {} // cargo bench passes this
            _ => {
                eprintln!(
                    "error: unexpected `{arg}`; usage: cargo bench --bench requests -- [--unit-ms N]"
                );
                return ExitCode::from(2);
            }
        }
    }
    println!("Slow server delay: {unit_ms} ms per request. Times are wall-clock.\n");
    for (requests, workers) in [(5, 5), (100, 6)] {
        println!("{requests} requests ({workers} threads or processes):\n");
        println!(
            "{:<24} {:>10} {:>10} {:>8}",
            "approach", "took", "ideal", "ratio"
        );
        for scenario in ["sequential", "threads", "processes", "async"] {
            let args = [
                "--scenario",
                scenario,
                "--requests",
                &requests.to_string(),
                "--workers",
                &workers.to_string(),
                "--unit-ms",
                &unit_ms.to_string(),
            ];
            let settings = harness::cli::settings(&EXAMPLE, &args);
            let s = EXAMPLE
                .scenarios
                .iter()
                .find(|s| s.name == scenario)
                .unwrap();
            for report in run_scenario(s, &settings) {
                let ideal = report.ideal.unwrap();
                println!(
                    "{:<24} {:>10} {:>10} {:>8.2}",
                    format!("{scenario} ({})", report.runtime),
                    secs(report.elapsed),
                    secs(ideal),
                    report.elapsed.as_secs_f64() / ideal.as_secs_f64()
                );
            }
        }
        println!();
    }
    println!("Concurrency sweep: N requests at once, async (seconds):\n");
    print!("{:>6}", "N");
    for rt in Runtime::THREE {
        print!(" {:>10}", rt.name());
    }
    println!();
    let async_scenario = EXAMPLE
        .scenarios
        .iter()
        .find(|s| s.name == "async")
        .unwrap();
    for n in [1, 10, 100, 500, 1000] {
        print!("{n:>6}");
        for &rt in Runtime::THREE {
            let args = [
                "--requests",
                &n.to_string(),
                "--unit-ms",
                &unit_ms.to_string(),
                "--runtime",
                rt.name(),
            ];
            let settings = harness::cli::settings(&EXAMPLE, &args);
            let started = Instant::now();
            let report = run_scenario(async_scenario, &settings).remove(0);
            assert!(
                report.returned.starts_with(&format!("{n} pages")),
                "{}",
                report.returned
            );
            print!(" {:>10}", secs(started.elapsed()));
        }
        println!();
    }
    ExitCode::SUCCESS
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}
