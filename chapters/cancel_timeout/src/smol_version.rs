//! The cancellation scenarios on smol. smol races two futures with
//! `future::or`: the first to finish wins, and the other is dropped.

use crate::scenario::*;
use smol::Timer;
use smol::future::FutureExt;
use smol::io::AsyncReadExt;
use smol::net::TcpStream;
use smol::stream::StreamExt;

/// Runs a future to completion on the calling thread.
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
}

async fn connect() -> TcpStream {
    let stream = TcpStream::connect(start_sender()).await;
    stream.expect("connect to the loopback sender")
}

/// What woke the loop.
enum Woke<T> {
    Read(T),
    Tick,
}

// ANCHOR: lost_reads
/// Not cancel-safe: when the ticker wins the race, `or` drops this turn's
/// `read_exact` with the half message it had taken from the socket.
pub async fn lost_reads() -> Received {
    let mut stream = connect().await;
    let mut ticks = Timer::interval(TICK);
    let mut received = Received::default();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        let read = async { Woke::Read(stream.read_exact(&mut message).await) };
        let tick = async {
            ticks.next().await;
            Woke::Tick
        };
        match read.or(tick).await {
            Woke::Read(Ok(())) => received.note(&message),
            Woke::Read(Err(_)) => break, // the sender closed the connection
            Woke::Tick => received.ticks += 1,
        }
    }
    received
}
// ANCHOR_END: lost_reads

// ANCHOR: kept_future
/// Fixed by keeping the read across ticks: made once per message, pinned,
/// and raced through `&mut`.
pub async fn kept_future() -> Received {
    let mut stream = connect().await;
    let mut ticks = Timer::interval(TICK);
    let mut received = Received::default();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        let read = stream.read_exact(&mut message);
        let mut read = std::pin::pin!(read);
        let done = loop {
            let this_read = async { Woke::Read((&mut read).await) };
            let tick = async {
                ticks.next().await;
                Woke::Tick
            };
            match this_read.or(tick).await {
                Woke::Read(read) => break read.is_err(),
                Woke::Tick => received.ticks += 1,
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
    let mut ticks = Timer::interval(TICK);
    let mut received = Received::default();
    let (mut pending, mut chunk) = (Vec::new(), [0u8; 256]);
    loop {
        let read = async { Woke::Read(stream.read(&mut chunk).await) };
        let tick = async {
            ticks.next().await;
            Woke::Tick
        };
        match read.or(tick).await {
            Woke::Read(Ok(0) | Err(_)) => break,
            Woke::Read(Ok(n)) => {
                pending.extend_from_slice(&chunk[..n]);
                take_messages(&mut pending, &mut received);
            }
            Woke::Tick => received.ticks += 1,
        }
    }
    received
}
// ANCHOR_END: cancel_safe_read
