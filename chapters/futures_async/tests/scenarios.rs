//! Every scenario on every runtime, the tiny one included: the same
//! results, and the facts the chapter states about each.

use futures_async::counting::Counts;
use futures_async::scenario::*;
use futures_async::{EXAMPLE, async_std_version, smol_version, tiny_version, tokio_version};
use harness::{Runtime, Timeline};
use std::sync::Arc;
use std::time::Duration;

const UNIT: Duration = Duration::from_millis(60);

/// Runs `$body` with `$v` standing for each version, on its `block_on`.
macro_rules! on_each {
    (|$v:ident, $rt:ident| $body:expr) => {{
        let mut out = Vec::new();
        {
            use tokio_version as $v;
            let $rt = Runtime::Tokio;
            out.push(($rt, $v::multi_thread().block_on($body)));
            let $rt = Runtime::TokioCurrentThread;
            out.push(($rt, $v::current_thread().block_on($body)));
        }
        {
            use async_std_version as $v;
            let $rt = Runtime::AsyncStd;
            out.push(($rt, $v::block_on($body)));
        }
        {
            use smol_version as $v;
            let $rt = Runtime::Smol;
            out.push(($rt, $v::block_on($body)));
        }
        {
            use tiny_version as $v;
            let $rt = Runtime::Tiny;
            out.push(($rt, $v::block_on($body)));
        }
        out
    }};
}

#[test]
fn a_future_never_polled_never_starts_and_join_starts_its_futures_late() {
    let timelines = on_each!(|v, _rt| {
        let tl = Timeline::new();
        let got = v::lazy(tl.clone(), UNIT);
        async move { (got.await, tl) }
    });
    for (runtime, (got, tl)) in timelines {
        assert_eq!(got, [1, 1], "{runtime:?}");
        assert_eq!(
            tl.time_of("never", "start"),
            None,
            "{runtime:?}: {:?}",
            tl.events()
        );
        let spawned = tl.time_of("spawned", "start").unwrap();
        let joined = tl.time_of("joined", "start").unwrap();
        assert!(
            spawned < UNIT / 2,
            "{runtime:?}: spawned started at {spawned:?}"
        );
        assert!(
            joined >= UNIT,
            "{runtime:?}: joined started at {joined:?}, before join! polled it"
        );
    }
}

#[test]
fn gather_gives_submission_order_with_two_polls_and_one_wake_per_job() {
    let runs = on_each!(|v, _rt| {
        let counts = Arc::new(Counts::default());
        let got = v::gather(Timeline::new(), UNIT, counts.clone());
        async move { (got.await, counts) }
    });
    for (runtime, (got, counts)) in runs {
        assert_eq!(got, GATHERED, "{runtime:?}");
        // Each job: polled to its sleep, woken by the timer, polled to its end.
        assert_eq!(
            (counts.polls(), counts.wakes()),
            (6, 3),
            "{runtime:?}: {counts:?}"
        );
    }
}

#[test]
fn every_runtime_fetches_the_pages_at_once() {
    for runtime in [
        Runtime::Tokio,
        Runtime::AsyncStd,
        Runtime::Smol,
        Runtime::Tiny,
    ] {
        let server = slow_server::start(slow_server::Config::with_delay(UNIT)).unwrap();
        let (tl, addr, counts) = (Timeline::new(), server.addr, Arc::new(Counts::default()));
        let names: Vec<String> = (1..=5).map(|i| format!("get{i}")).collect();
        let titles = match runtime {
            Runtime::Tokio => tokio_version::multi_thread().block_on(tokio_version::get(
                tl,
                addr,
                names,
                counts.clone(),
            )),
            Runtime::AsyncStd => {
                async_std_version::block_on(async_std_version::get(tl, addr, names, counts.clone()))
            }
            Runtime::Smol => {
                smol_version::block_on(smol_version::get(tl, addr, names, counts.clone()))
            }
            _ => tiny_version::block_on(tiny_version::get(tl, addr, names, counts.clone())),
        }
        .unwrap();
        assert_eq!(titles.len(), 5);
        assert!(titles.iter().all(|t| t.starts_with("Detail")), "{titles:?}");
        assert_eq!(server.stats.peak_in_flight(), 5, "{runtime:?}");
        // At least: polled to the read, woken with the answer, polled again.
        assert!(
            counts.polls() >= 10 && counts.wakes() >= 5,
            "{runtime:?}: {counts:?}"
        );
    }
}

#[test]
fn the_async_fn_and_the_hand_written_enum_agree() {
    for (runtime, [(by_fn, fn_size), (by_hand, hand_size)]) in
        on_each!(|v, _rt| v::state_machines(UNIT))
    {
        assert_eq!((by_fn, by_hand), (2, 2), "{runtime:?}");
        // The enum holds one sleep at a time and no copy of its arguments.
        assert!(hand_size <= fn_size, "{runtime:?}: {hand_size} > {fn_size}");
    }
}

#[test]
fn single_threaded_runtimes_run_every_task_on_one_thread() {
    for (runtime, threads) in on_each!(|v, _rt| v::many_tasks(2000, UNIT)) {
        match runtime {
            Runtime::TokioCurrentThread | Runtime::Smol | Runtime::Tiny => {
                assert_eq!(threads, 1, "{runtime:?}")
            }
            _ => assert!(threads >= 1, "{runtime:?}"),
        }
    }
}

#[test]
fn a_waker_left_after_the_look_is_lost_and_under_one_lock_it_is_not() {
    let s = harness::cli::settings(&EXAMPLE, &["--unit-ms", "100"]);
    let scenario = EXAMPLE
        .scenarios
        .iter()
        .find(|s| s.name == "lost_wakeup")
        .unwrap();
    let harness::Run::Once(_, run) = scenario.run else {
        panic!("runs once")
    };
    let said = run(&Timeline::new(), &s).unwrap();
    assert_eq!(said, "flag seen: split after 4 units, locked after 2 units");
}
