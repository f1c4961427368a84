//! Wrong answer: reads in a plain loop, then calls `on_tick` a hundred
//! times at the end.
//!
//! Why a student writes it: the loop without a `select!` loses nothing, and
//! the check wants ticks, so ticks are given. But a ticker is for work done
//! *while* the reads wait (a heartbeat, a progress line, a shutdown check):
//! ticks made up after the last read did none of it.

use std::time::Duration;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

pub const MESSAGE_LEN: usize = 16;
pub const TICK: Duration = Duration::from_millis(1);

pub async fn receive(mut stream: TcpStream, mut on_tick: impl FnMut()) -> Vec<[u8; MESSAGE_LEN]> {
    let mut messages = Vec::new();
    let mut message = [0u8; MESSAGE_LEN];
    while stream.read_exact(&mut message).await.is_ok() {
        messages.push(message);
    }
    for _ in 0..100 {
        on_tick();
    }
    messages
}
