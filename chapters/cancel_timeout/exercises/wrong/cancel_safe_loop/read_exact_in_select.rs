//! Wrong answer: a new `read_exact` in each turn of the `select!` loop.
//!
//! Why a student writes it: it is the obvious loop, and it works as long as
//! the ticker never fires in the middle of a message. When it does, the
//! `select!` drops the `read_exact` with the half message it had read; the
//! next one starts in the middle of a message, and from then on every
//! message is read from the wrong place.

use std::time::Duration;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

pub const MESSAGE_LEN: usize = 16;
pub const TICK: Duration = Duration::from_millis(1);

pub async fn receive(mut stream: TcpStream, mut on_tick: impl FnMut()) -> Vec<[u8; MESSAGE_LEN]> {
    let mut ticks = tokio::time::interval(TICK);
    let mut messages = Vec::new();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        tokio::select! {
            read = stream.read_exact(&mut message) => match read {
                Ok(_) => messages.push(message),
                Err(_) => break,
            },
            _ = ticks.tick() => on_tick(),
        }
    }
    messages
}
