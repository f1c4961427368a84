//! Read whole 16-byte messages from a TCP stream in a loop that also keeps
//! a 1 ms ticker going, and lose none of them: the `select!` must not drop
//! a read that has taken half a message.
//!
//! The checker's sender writes its messages in two halves, pausing between
//! them now and then, so the ticker often fires in the middle of one.

use std::time::Duration;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// Every message is this long.
pub const MESSAGE_LEN: usize = 16;
/// How often the ticker fires.
pub const TICK: Duration = Duration::from_millis(1);

/// Reads messages until the sender closes the stream, and calls `on_tick`
/// at every tick of a `TICK` ticker meanwhile. Returns the messages in order.
pub async fn receive(mut stream: TcpStream, mut on_tick: impl FnMut()) -> Vec<[u8; MESSAGE_LEN]> {
    // BEGIN SOLUTION
    let mut ticks = tokio::time::interval(TICK);
    let mut messages = Vec::new();
    let (mut pending, mut chunk) = (Vec::new(), [0u8; 256]);
    loop {
        tokio::select! {
            read = stream.read(&mut chunk) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    pending.extend_from_slice(&chunk[..n]);
                    let whole = pending.len() / MESSAGE_LEN * MESSAGE_LEN;
                    for m in pending[..whole].chunks_exact(MESSAGE_LEN) {
                        messages.push(m.try_into().unwrap());
                    }
                    pending.drain(..whole);
                }
            },
            _ = ticks.tick() => on_tick(),
        }
    }
    messages
    // END SOLUTION
    // STARTER todo!("read whole messages while the ticker ticks; lose none")
}
