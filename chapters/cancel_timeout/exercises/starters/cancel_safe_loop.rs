// Exercise `cancel_safe_loop`: replace the `todo` below with your code, then run
// `cargo exercise check cancel_safe_loop`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

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
    todo!("read whole messages while the ticker ticks; lose none")
}
