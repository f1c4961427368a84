//! The cancellation scenarios on tokio.

use crate::scenario::*;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// Runs a future to completion on a new multi-threaded runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}

async fn connect() -> TcpStream {
    let stream = TcpStream::connect(start_sender()).await;
    stream.expect("connect to the loopback sender")
}

// ANCHOR: lost_reads
/// Not cancel-safe: each turn of the loop makes a new `read_exact`, and
/// when the ticker wins, `select!` drops it, with the half message it had
/// already taken from the socket.
pub async fn lost_reads() -> Received {
    let mut stream = connect().await;
    let mut ticks = tokio::time::interval(TICK);
    let mut received = Received::default();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        tokio::select! {
            read = stream.read_exact(&mut message) => match read {
                Ok(_) => received.note(&message),
                Err(_) => break, // the sender closed the connection
            },
            _ = ticks.tick() => received.ticks += 1,
        }
    }
    received
}
// ANCHOR_END: lost_reads

// ANCHOR: kept_future
/// Fixed by keeping the read: one `read_exact` future per message, pinned
/// outside the inner loop and polled through `&mut`, so a tick leaves it
/// where it was instead of dropping it.
pub async fn kept_future() -> Received {
    let mut stream = connect().await;
    let mut ticks = tokio::time::interval(TICK);
    let mut received = Received::default();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        let read = stream.read_exact(&mut message);
        tokio::pin!(read);
        let done = loop {
            tokio::select! {
                read = &mut read => break read.is_err(),
                _ = ticks.tick() => received.ticks += 1,
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
/// Fixed with a cancel-safe call: `read` takes nothing from the socket
/// unless it completes, so dropping it loses nothing. What it reads goes
/// into a buffer that outlives the loop, and whole messages are cut from it.
pub async fn cancel_safe_read() -> Received {
    let mut stream = connect().await;
    let mut ticks = tokio::time::interval(TICK);
    let mut received = Received::default();
    let (mut pending, mut chunk) = (Vec::new(), [0u8; 256]);
    loop {
        tokio::select! {
            read = stream.read(&mut chunk) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    pending.extend_from_slice(&chunk[..n]);
                    take_messages(&mut pending, &mut received);
                }
            },
            _ = ticks.tick() => received.ticks += 1,
        }
    }
    received
}
// ANCHOR_END: cancel_safe_read
