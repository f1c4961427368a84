//! Wrong answer: reads the messages one after another and forgets the
//! ticker.
//!
//! Why a student writes it: with no `select!`, nothing is ever cancelled,
//! and every message arrives. But the loop was to keep the ticker going
//! (a heartbeat, a progress line, a shutdown check) while it waits: here
//! the ticker never fires at all.

use std::time::Duration;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

pub const MESSAGE_LEN: usize = 16;
pub const TICK: Duration = Duration::from_millis(1);

pub async fn receive(mut stream: TcpStream, _on_tick: impl FnMut()) -> Vec<[u8; MESSAGE_LEN]> {
    let mut messages = Vec::new();
    let mut message = [0u8; MESSAGE_LEN];
    while stream.read_exact(&mut message).await.is_ok() {
        messages.push(message);
    }
    messages
}
