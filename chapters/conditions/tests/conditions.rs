//! Each condition scenario, with threads and on each runtime, at a unit of
//! 50 ms: what was said and who gave up, how many waiters each notify
//! woke, and the times in units with room for a loaded machine.

use conditions::scenario::*;
use conditions::{async_std_version, smol_version, std_version, tokio_version};
use harness::Timeline;
use std::time::{Duration, Instant};

const UNIT: Duration = Duration::from_millis(50);

/// Runs `run` and returns what it returned and how long it took, in units.
fn timed<T>(run: impl FnOnce() -> T) -> (T, f64) {
    let started = Instant::now();
    let value = run();
    (value, in_units(started.elapsed(), UNIT))
}

#[test]
fn the_dialogue_works_when_the_waiting_speaker_starts_first() {
    let (transcript, took) = timed(|| std_version::dialogue(&Timeline::new(), UNIT));
    assert!(transcript.is_complete(), "{transcript:?}");
    assert!(took < 2.0, "{took} units");
}

#[test]
fn the_notify_is_lost_when_the_speaker_starts_first_and_both_give_up() {
    let tl = Timeline::new();
    let runs: [(&str, Box<dyn FnOnce() -> Transcript>); 4] = [
        ("threads", Box::new(|| std_version::lost_notify(&tl, UNIT))),
        (
            "tokio",
            Box::new(|| tokio_version::block_on(tokio_version::lost_notify(Timeline::new(), UNIT))),
        ),
        (
            "async-std",
            Box::new(|| {
                async_std_version::block_on(async_std_version::lost_notify(Timeline::new(), UNIT))
            }),
        ),
        (
            "smol",
            Box::new(|| smol_version::block_on(smol_version::lost_notify(Timeline::new(), UNIT))),
        ),
    ];
    // TianMao gives up GIVE_UP_UNITS after its line; XiaoAi, which started
    // half a unit later, gives up half a unit after that.
    let expected = f64::from(GIVE_UP_UNITS) + 0.5;
    for (who, run) in runs {
        let (transcript, took) = timed(run);
        assert_eq!(transcript.lines, [DIALOGUE[0]], "{who}");
        let mut gave_up = transcript.gave_up.clone();
        gave_up.sort();
        assert_eq!(gave_up, ["tianmao", "xiaoai"], "{who}");
        assert!(
            took >= expected - 0.2 && took < expected + 2.0,
            "{who}: {took} units, not about {expected}"
        );
    }
    // The threads' timeline shows when each gave up.
    let tianmao = tl.time_of("tianmao", "gives up").unwrap();
    let xiaoai = tl.time_of("xiaoai", "gives up").unwrap();
    assert!(
        xiaoai > tianmao,
        "XiaoAi started later, so it gives up later"
    );
}

#[test]
fn with_a_record_of_whose_turn_it_is_either_order_works() {
    for first in [TIANMAO, XIAOAI] {
        let runs = [
            (
                "threads",
                std_version::turns_in_order(&Timeline::new(), UNIT, first),
            ),
            (
                "tokio",
                tokio_version::block_on(tokio_version::turns_in_order(
                    Timeline::new(),
                    UNIT,
                    first,
                )),
            ),
            (
                "async-std",
                async_std_version::block_on(async_std_version::turns_in_order(
                    Timeline::new(),
                    UNIT,
                    first,
                )),
            ),
            (
                "smol",
                smol_version::block_on(smol_version::turns_in_order(Timeline::new(), UNIT, first)),
            ),
        ];
        for (who, transcript) in runs {
            assert!(
                transcript.is_complete(),
                "{who}, {} first: {transcript:?}",
                SPEAKERS[first]
            );
        }
    }
}

#[test]
fn notify_n_wakes_n_waiters_and_notify_all_wakes_the_rest() {
    // A unit of 100 ms: a wake-up is put in the step nearest its time, so
    // it may be up to half a unit late.
    const UNIT: Duration = Duration::from_millis(100);
    let timed = |run: &dyn Fn() -> Woken| {
        let started = Instant::now();
        let value = run();
        (value, in_units(started.elapsed(), UNIT))
    };
    let runs = [
        (
            "tokio",
            timed(&|| tokio_version::block_on(tokio_version::notify_n(Timeline::new(), UNIT))),
        ),
        (
            "async-std",
            timed(&|| {
                async_std_version::block_on(async_std_version::notify_n(Timeline::new(), UNIT))
            }),
        ),
        (
            "smol",
            timed(&|| smol_version::block_on(smol_version::notify_n(Timeline::new(), UNIT))),
        ),
    ];
    for (who, (woken, took)) in runs {
        // Read from the wake-up times: a loaded machine may move a wake-up
        // late enough to round to the next step, so the times are checked
        // against the counts below only when the run was not late.
        assert_eq!(woken.0.iter().sum::<usize>(), WAITERS, "{who}: {woken:?}");
        if took < STEPS.len() as f64 + 0.3 {
            assert_eq!(woken.0, [1, 2, 2], "{who}");
        }
    }
}

#[test]
fn a_wait_that_is_an_if_wakes_to_nothing_and_a_loop_does_not() {
    let run = std_version::woken_to_nothing(&Timeline::new(), UNIT);
    assert_eq!(
        run.with_if,
        Consumed {
            got_item: 1,
            got_nothing: CONSUMERS - 1
        }
    );
    assert_eq!(
        run.with_while,
        Consumed {
            got_item: CONSUMERS,
            got_nothing: 0
        }
    );
}

/// Why tokio's `notify_one` does not fix the tutorial's dialogue: with
/// nobody waiting it stores a permit, and the speaker's own next wait
/// takes it. TianMao talks to itself.
#[test]
fn tokio_notify_one_stores_a_permit_that_the_notifier_itself_takes() {
    use tokio::sync::Notify;
    tokio_version::block_on(async {
        let spoken = Notify::new();
        spoken.notify_one(); // TianMao's line: nobody is waiting yet
        let heard = tokio::time::timeout(UNIT, spoken.notified()).await;
        assert!(heard.is_ok(), "the speaker's own wait returns at once");
        // notify_waiters stores nothing: the same wait then times out.
        spoken.notify_waiters();
        let heard = tokio::time::timeout(UNIT, spoken.notified()).await;
        assert!(heard.is_err(), "notify_waiters with nobody waiting is lost");
    });
}
