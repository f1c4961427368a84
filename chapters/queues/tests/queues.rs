//! Each queue scenario, with threads and on each runtime, at a unit of
//! 50 ms: what was consumed, the errors of the try-lab word for word, and
//! the times in units with room for a loaded machine.

use harness::Timeline;
use queues::scenario::*;
use queues::{async_std_version, smol_version, std_version, tokio_version};
use std::time::Duration;

const UNIT: Duration = Duration::from_millis(50);

fn about(took: f64, expected: f64) -> bool {
    took >= expected - 0.2 && took < expected + 2.0
}

#[test]
fn a_bounded_queue_makes_the_producer_wait_and_every_item_is_consumed_once() {
    let runs = [
        ("threads", std_version::bounded(&Timeline::new(), UNIT)),
        (
            "tokio",
            tokio_version::block_on(tokio_version::bounded(Timeline::new(), UNIT)),
        ),
        (
            "async-std",
            async_std_version::block_on(async_std_version::bounded(Timeline::new(), UNIT)),
        ),
        (
            "smol",
            smol_version::block_on(smol_version::bounded(Timeline::new(), UNIT)),
        ),
    ];
    for (who, run) in runs {
        assert_eq!(run.consumed, ITEMS, "{who}");
        assert_eq!(run.per_consumer.len(), CONSUMERS, "{who}");
        // The producer cannot be done before the queue had room for the
        // last item, and all cannot be done before the consumers worked
        // through every item: both bounds come from the sizes.
        assert!(
            about(run.producer_done, producer_done_units()),
            "{who}: producer done at {} units, not about {}",
            run.producer_done,
            producer_done_units()
        );
        assert!(
            about(run.all_done, all_done_units()),
            "{who}: all done at {} units, not about {}",
            run.all_done,
            all_done_units()
        );
        // Shared work: nobody did it all (one lock held through the work
        // would make one consumer take item after item, 20 units).
        assert!(
            run.all_done < f64::from(ITEMS as u32) / 2.0,
            "{who}: {run:?}"
        );
    }
}

#[test]
fn the_try_lab_gives_each_channels_own_errors() {
    let threads = std_version::tries();
    assert_eq!(threads.0, ["Empty", "ok", "Full", "1", "Disconnected"]);
    let tokio = tokio_version::block_on(tokio_version::tries(Timeline::new(), UNIT));
    assert_eq!(tokio.0, ["Empty", "ok", "Full", "1", "Disconnected"]);
    for (who, tries) in [
        (
            "async-std",
            async_std_version::block_on(async_std_version::tries(Timeline::new(), UNIT)),
        ),
        (
            "smol",
            smol_version::block_on(smol_version::tries(Timeline::new(), UNIT)),
        ),
    ] {
        assert_eq!(tries.0, ["Empty", "ok", "Full", "1", "Closed"], "{who}");
    }
}

#[test]
fn closing_the_queue_ends_the_workers_once_every_job_is_done() {
    let expected = (JOBS.div_ceil(WORKERS)) as f64;
    for (who, run) in [
        (
            "tokio",
            tokio_version::block_on(tokio_version::all_done(Timeline::new(), UNIT)),
        ),
        (
            "async-std",
            async_std_version::block_on(async_std_version::all_done(Timeline::new(), UNIT)),
        ),
        (
            "smol",
            smol_version::block_on(smol_version::all_done(Timeline::new(), UNIT)),
        ),
    ] {
        assert_eq!(run.done, JOBS, "{who}");
        assert!(about(run.units, expected), "{who}: {run:?}");
    }
}

#[test]
fn oneshot_broadcast_and_watch_each_do_their_job() {
    for (who, kinds) in [
        (
            "tokio",
            tokio_version::block_on(tokio_version::kinds(Timeline::new(), UNIT)),
        ),
        (
            "async-std",
            async_std_version::block_on(async_std_version::kinds(Timeline::new(), UNIT)),
        ),
        (
            "smol",
            smol_version::block_on(smol_version::kinds(Timeline::new(), UNIT)),
        ),
    ] {
        assert_eq!(kinds.reply, QUESTION * 2, "{who}");
        assert_eq!(
            kinds.broadcast,
            vec![UPDATES.to_vec(); SUBSCRIBERS],
            "{who}"
        );
        assert_eq!(kinds.watched, *UPDATES.last().unwrap(), "{who}");
    }
}
