//! The cancel-safety lab, kept true: on every runtime the loop that drops
//! a half-done `read_exact` loses messages, and both fixes lose none. The
//! sender pauses mid-message 100 times for 3 ticks each, so the broken
//! loop is cancelled mid-message however busy the machine is.

use cancel_timeout::scenario::*;
use cancel_timeout::{async_std_version, smol_version, tokio_version};

fn each(
    tokio: impl Future<Output = Received>,
    async_std: impl Future<Output = Received>,
    smol: impl Future<Output = Received>,
) -> [(&'static str, Received); 3] {
    [
        ("tokio", tokio_version::block_on(tokio)),
        ("async-std", async_std_version::block_on(async_std)),
        ("smol", smol_version::block_on(smol)),
    ]
}

#[test]
fn dropping_a_half_done_read_exact_loses_messages() {
    let runs = each(
        tokio_version::lost_reads(),
        async_std_version::lost_reads(),
        smol_version::lost_reads(),
    );
    for (runtime, received) in runs {
        assert!(
            received.ticks > 0,
            "{runtime}: the ticker never won: {received:?}"
        );
        assert!(received.lost() > 0, "{runtime}: nothing lost: {received:?}");
    }
}

#[test]
fn keeping_the_read_future_loses_nothing() {
    let runs = each(
        tokio_version::kept_future(),
        async_std_version::kept_future(),
        smol_version::kept_future(),
    );
    for (runtime, received) in runs {
        assert_eq!(received.intact, MESSAGES, "{runtime}: {received:?}");
        assert!(
            received.ticks > 0,
            "{runtime}: the ticker never won, so nothing was tested"
        );
    }
}

#[test]
fn a_cancel_safe_read_loses_nothing() {
    let runs = each(
        tokio_version::cancel_safe_read(),
        async_std_version::cancel_safe_read(),
        smol_version::cancel_safe_read(),
    );
    for (runtime, received) in runs {
        assert_eq!(received.intact, MESSAGES, "{runtime}: {received:?}");
        assert!(
            received.ticks > 0,
            "{runtime}: the ticker never won, so nothing was tested"
        );
    }
}

#[test]
fn a_message_checks_only_in_its_own_place() {
    let (a, b) = (message(7), message(8));
    assert_eq!(intact(&a), Some(7));
    let mut shifted = [0u8; MESSAGE_LEN];
    shifted[..8].copy_from_slice(&a[8..]);
    shifted[8..].copy_from_slice(&b[..8]);
    assert_eq!(intact(&shifted), None, "half of one and half of the next");
    let mut pending = [a, b].concat();
    pending.extend_from_slice(&message(9)[..5]);
    let mut received = Received::default();
    take_messages(&mut pending, &mut received);
    assert_eq!((received.intact, pending.len()), (2, 5));
}
