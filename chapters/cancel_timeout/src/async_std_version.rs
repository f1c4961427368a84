//! The cancellation scenarios on async-std (discontinued in 2025; its
//! maintainers point to smol). async-std has no `select!` of its own:
//! `futures::select!` takes fused futures and streams.

use crate::scenario::*;
use async_std::net::TcpStream;
use futures::stream::{self, FusedStream};
use futures::{AsyncReadExt, FutureExt, StreamExt};

/// Runs a future to completion on the calling thread.
pub fn block_on<F: Future>(future: F) -> F::Output {
    async_std::task::block_on(future)
}

/// A tick every `TICK`. (async-std's own `stream::interval` is behind its
/// `unstable` feature.)
fn ticker() -> impl FusedStream<Item = ()> + Unpin {
    let tick = |()| async {
        async_std::task::sleep(TICK).await;
        Some(((), ()))
    };
    Box::pin(stream::unfold((), tick)).fuse()
}

async fn connect() -> TcpStream {
    let stream = TcpStream::connect(start_sender()).await;
    stream.expect("connect to the loopback sender")
}

// ANCHOR: lost_reads
/// Not cancel-safe: when the ticker wins, `select!` drops this turn's
/// `read_exact` with the half message it had taken from the socket.
pub async fn lost_reads() -> Received {
    let mut stream = connect().await;
    let mut ticks = ticker();
    let mut received = Received::default();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        futures::select! {
            read = stream.read_exact(&mut message).fuse() => match read {
                Ok(()) => received.note(&message),
                Err(_) => break, // the sender closed the connection
            },
            _ = ticks.next() => received.ticks += 1,
        }
    }
    received
}
// ANCHOR_END: lost_reads

// ANCHOR: kept_future
/// Fixed by keeping the read across ticks: made once per message, pinned,
/// and polled through `&mut`.
pub async fn kept_future() -> Received {
    let mut stream = connect().await;
    let mut ticks = ticker();
    let mut received = Received::default();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        let mut read = stream.read_exact(&mut message).fuse();
        let done = loop {
            futures::select! {
                read = read => break read.is_err(),
                _ = ticks.next() => received.ticks += 1,
            }
        };
        if done {
            break;
        }
        received.note(&message);
    }
    received
}
// ANCHOR_END: kept_future

// ANCHOR: cancel_safe_read
/// Fixed with a cancel-safe call: `read` takes nothing unless it completes.
pub async fn cancel_safe_read() -> Received {
    let mut stream = connect().await;
    let mut ticks = ticker();
    let mut received = Received::default();
    let (mut pending, mut chunk) = (Vec::new(), [0u8; 256]);
    loop {
        futures::select! {
            read = stream.read(&mut chunk).fuse() => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    pending.extend_from_slice(&chunk[..n]);
                    take_messages(&mut pending, &mut received);
                }
            },
            _ = ticks.next() => received.ticks += 1,
        }
    }
    received
}
// ANCHOR_END: cancel_safe_read
