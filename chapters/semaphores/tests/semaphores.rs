//! Each semaphore scenario, with threads and on each runtime, at a unit of
//! 50 ms: the server's count of requests at once, and the time in units
//! with room for a loaded machine.

use harness::Timeline;
use semaphores::scenario::*;
use semaphores::{async_std_version, smol_version, std_version, tokio_version};
use std::time::{Duration, Instant};

const UNIT: Duration = Duration::from_millis(50);

fn units_since(started: Instant) -> f64 {
    in_units(started.elapsed(), UNIT)
}

#[test]
fn ten_jobs_of_two_units_three_at_once_take_four_waves() {
    let waves = (JOBS.div_ceil(K)) as f64 * f64::from(JOB_UNITS);
    let started = Instant::now();
    let threads = std_version::at_most_k(&Timeline::new(), UNIT);
    let runs = [
        ("threads", threads, units_since(started)),
        {
            let started = Instant::now();
            (
                "tokio",
                tokio_version::at_most_k(Timeline::new(), UNIT),
                units_since(started),
            )
        },
        {
            let started = Instant::now();
            (
                "async-std",
                async_std_version::at_most_k(Timeline::new(), UNIT),
                units_since(started),
            )
        },
        {
            let started = Instant::now();
            (
                "smol",
                smol_version::at_most_k(Timeline::new(), UNIT),
                units_since(started),
            )
        },
    ];
    for (who, limited, took) in runs {
        assert_eq!(
            limited,
            Limited {
                served: JOBS as u64,
                peak: K as u64
            },
            "{who}"
        );
        assert!(
            took >= waves - 0.2 && took < waves + 3.0,
            "{who}: {took:.1} units, not about {waves}"
        );
    }
}

#[test]
fn a_client_limit_of_a_hundred_makes_a_thousand_requests_go_in_ten_waves() {
    let unit = Duration::from_millis(100);
    for (who, run) in [
        ("tokio", tokio_version::client_limit(Timeline::new(), unit)),
        (
            "async-std",
            async_std_version::client_limit(Timeline::new(), unit),
        ),
        ("smol", smol_version::client_limit(Timeline::new(), unit)),
    ] {
        let run = run.unwrap_or_else(|e| panic!("{who}: {e}"));
        assert_eq!(
            (run.unlimited.ok, run.limited.ok),
            (REQUESTS, REQUESTS),
            "{who}"
        );
        assert_eq!(run.limited.peak, CLIENT_LIMIT as u64, "{who}");
        assert!(
            run.unlimited.peak > CLIENT_LIMIT as u64 * 3,
            "{who}: {run:?}"
        );
        let waves = (REQUESTS / CLIENT_LIMIT) as f64;
        assert!(run.limited.units >= waves - 0.5, "{who}: {run:?}");
        // Without the limit, the time is mostly opening a thousand
        // connections, which a loaded machine slows: it is not checked.
    }
}

#[test]
fn a_sliding_window_beats_batches_that_wait_for_their_slowest() {
    for (who, run) in [
        (
            "tokio",
            tokio_version::batches_vs_window(Timeline::new(), UNIT),
        ),
        (
            "async-std",
            async_std_version::batches_vs_window(Timeline::new(), UNIT),
        ),
        (
            "smol",
            smol_version::batches_vs_window(Timeline::new(), UNIT),
        ),
    ] {
        assert_eq!(run.peak, AT_ONCE as u64, "{who}");
        assert!(
            run.batches >= 9.0 - 0.2,
            "{who}: three batches of 3 units: {run:?}"
        );
        assert!(run.window < run.batches * 0.75, "{who}: {run:?}");
    }
}
