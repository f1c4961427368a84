//! Each bridging scenario on each runtime, at a unit of 50 ms: what comes
//! back, on which thread, and roughly when. Bounds are in units with room
//! for a loaded machine; an answer that blocks or runs the jobs one after
//! another takes whole units longer and fails them.

use bridging::scenario::*;
use bridging::{async_std_version, smol_version, tokio_version};
use harness::Timeline;
use std::time::{Duration, Instant};

const UNIT: Duration = Duration::from_millis(50);

/// `(runtime, what it returned, its timeline, units it took)` for each runtime.
macro_rules! on_each {
    (|$tl:ident| $tokio:expr, $async_std:expr, $smol:expr) => {{
        let mut runs = Vec::new();
        for name in ["tokio", "async-std", "smol"] {
            let $tl = Timeline::new();
            let started = Instant::now();
            let returned = match name {
                "tokio" => $tokio,
                "async-std" => $async_std,
                _ => $smol,
            };
            let took = started.elapsed().as_secs_f64() / UNIT.as_secs_f64();
            runs.push((name, returned, $tl, took));
        }
        runs
    }};
}

macro_rules! builds_runtime {
    ($scenario:ident) => {
        on_each!(
            |tl| tokio_version::$scenario(tl.clone(), UNIT),
            async_std_version::$scenario(tl.clone(), UNIT),
            smol_version::$scenario(tl.clone(), UNIT)
        )
    };
}

#[test]
fn plain_threads_run_async_jobs_with_block_on_at_the_same_time() {
    for (runtime, outcomes, tl, _) in builds_runtime!(block_on_from_thread) {
        for (outcome, name) in outcomes.iter().zip(PLAIN_THREADS) {
            assert_eq!(*outcome, Outcome::Done(1, name.to_string()), "{runtime}");
            let done = tl.time_of(name, "done").unwrap();
            // Three jobs of 1 unit, run at once: done after about 1 unit, not 3.
            assert!(done < UNIT * 2, "{runtime}: {name} done at {done:?}");
        }
        let futures = &outcomes[PLAIN_THREADS.len()];
        match runtime {
            "tokio" => assert!(
                matches!(futures, Outcome::Panicked(m) if m.contains("there is no reactor running")),
                "tokio's timer needs a tokio context: {futures:?}"
            ),
            _ => assert_eq!(
                *futures,
                Outcome::Done(1, FUTURES_THREAD.into()),
                "{runtime}"
            ),
        }
    }
}

#[test]
fn block_on_inside_a_task_panics_on_tokio_and_blocks_the_thread_on_smol() {
    let runs = on_each!(
        |tl| tokio_version::block_on(tokio_version::block_on_inside(tl.clone(), UNIT)),
        async_std_version::block_on(async_std_version::block_on_inside(tl.clone(), UNIT)),
        smol_version::block_on(smol_version::block_on_inside(tl.clone(), UNIT))
    );
    for (runtime, nested, _, _) in runs {
        match runtime {
            "tokio" => {
                let Outcome::Panicked(message) = &nested.outcome else {
                    panic!("tokio ran block_on inside a task: {nested:?}")
                };
                assert!(message.starts_with("Cannot start a runtime from within a runtime"));
                // 3 beats are due before 1.9 units; one may come late on a busy machine.
                assert!(
                    nested.heartbeats >= 2,
                    "nothing was blocked on tokio: {nested:?}"
                );
            }
            // async-std has as many workers as cores: on one core its
            // heartbeat stops too, so only the job is checked.
            "async-std" => assert!(matches!(nested.outcome, Outcome::Done(2, _)), "{nested:?}"),
            _ => {
                assert_eq!(nested.outcome, Outcome::Done(2, thread_name()), "smol");
                assert_eq!(nested.heartbeats, 0, "smol's one thread was blocked");
            }
        }
    }
}

#[test]
fn jobs_handed_to_a_runtime_on_another_thread_run_there_at_the_same_time() {
    for (runtime, returned, tl, _) in builds_runtime!(run_on_loop_thread) {
        let names: Vec<_> = returned.iter().map(|r| (r.job, r.units)).collect();
        assert_eq!(names, LOOP_JOBS, "{runtime}");
        for r in &returned {
            assert_ne!(
                r.ran_on,
                thread_name(),
                "{runtime}: {} ran on the caller",
                r.job
            );
            let expected = if runtime == "async-std" {
                "async-std/runtime"
            } else {
                LOOP_THREAD
            };
            assert_eq!(r.ran_on, expected, "{runtime}");
        }
        let b_done = tl.time_of("b", "done").unwrap();
        assert!(
            b_done < UNIT * 4,
            "{runtime}: the jobs overlap, b is done after 3 units, not {b_done:?}"
        );
    }
}

#[test]
fn a_spawn_wakes_the_loop_and_a_shared_list_waits_for_its_timer() {
    for (runtime, times, _, _) in builds_runtime!(call_soon_threadsafe) {
        assert!(times.spawned < 1.0, "{runtime}: {times:?}");
        assert!(times.shared_list >= 1.9, "{runtime}: {times:?}");
    }
}

#[test]
fn a_blocking_sensor_waits_while_the_bounded_channel_is_full() {
    for (runtime, piped, _, took) in builds_runtime!(channels) {
        let expected: Vec<u32> = (1..=READINGS).map(handled).collect();
        assert_eq!(piped.results, expected, "{runtime}");
        // Readings 4, 5 and 6 each wait a unit for room: 3 units in all.
        let waited = piped.sensor_waited;
        assert!(
            (2.5..4.5).contains(&waited),
            "{runtime}: the sensor waited {waited:.1} units"
        );
        assert!(
            took >= 6.0,
            "{runtime}: six readings of 1 unit took {took:.1} units"
        );
    }
}

#[test]
fn reqwest_panics_without_tokio_and_works_through_either_bridge() {
    let unbridged = on_each!(
        |tl| tokio_version::reqwest_native(tl.clone(), UNIT),
        async_std_version::reqwest_unbridged(tl.clone(), UNIT),
        smol_version::reqwest_unbridged(tl.clone(), UNIT)
    );
    for (runtime, fetched, _, _) in unbridged {
        match runtime {
            "tokio" => assert_eq!(fetched, Ok(Fetched { ok: REQUESTS })),
            _ => assert!(
                fetched
                    .as_ref()
                    .is_err_and(|m| m.contains("there is no reactor running")),
                "{runtime}: {fetched:?}"
            ),
        }
    }
    let compat = on_each!(
        |tl| tokio_version::reqwest_native(tl.clone(), UNIT),
        async_std_version::reqwest_compat(tl.clone(), UNIT),
        smol_version::reqwest_compat(tl.clone(), UNIT)
    );
    let side = on_each!(
        |tl| tokio_version::reqwest_native(tl.clone(), UNIT),
        async_std_version::reqwest_side_runtime(tl.clone(), UNIT),
        smol_version::reqwest_side_runtime(tl.clone(), UNIT)
    );
    for (runtime, fetched, _, took) in compat.into_iter().chain(side) {
        assert_eq!(fetched, Ok(Fetched { ok: REQUESTS }), "{runtime}");
        // Five requests of 1 unit at once; one after another would take 5.
        assert!(took < 3.5, "{runtime}: {took:.1} units");
    }
}

#[test]
fn a_sync_function_in_between_blocks_on_off_the_workers() {
    let tl = Timeline::new();
    let started = Instant::now();
    let got = tokio_version::block_on(tokio_version::sync_in_between(tl.clone(), UNIT));
    assert_eq!(got, (NESTED_JOB_UNITS, NESTED_JOB_UNITS));
    let took = started.elapsed().as_secs_f64() / UNIT.as_secs_f64();
    assert!(
        took < 6.0,
        "two jobs of 2 units, one after the other: {took:.1} units"
    );
}
