//! What the cancellation scenarios share, whatever the runtime.
//!
//! The cancel-safety lab: a sender on a plain thread writes numbered
//! messages over loopback TCP, each in two halves, pausing now and then
//! between the halves. The receiver reads whole messages in a loop that
//! also waits for a ticker, and counts the messages that arrive intact.

use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::time::Duration;

/// Messages the sender writes.
pub const MESSAGES: u32 = 400;
/// Every message is this long: its number (4 bytes), then 12 bytes made
/// from the number, so a message read from the wrong place does not check.
pub const MESSAGE_LEN: usize = 16;
/// After the first half of every `PAUSE_EVERY`th message, the sender pauses...
pub const PAUSE_EVERY: u32 = 4;
/// ...this long: several ticks of the receiver's ticker.
pub const PAUSE: Duration = Duration::from_millis(3);
/// How often the receiver's other branch (a ticker) fires.
pub const TICK: Duration = Duration::from_millis(1);

/// Message number `i`.
pub fn message(i: u32) -> [u8; MESSAGE_LEN] {
    let mut m = [0u8; MESSAGE_LEN];
    m[..4].copy_from_slice(&i.to_le_bytes());
    for (k, byte) in m[4..].iter_mut().enumerate() {
        *byte = (i as u8).wrapping_mul(31).wrapping_add(k as u8);
    }
    m
}

/// The number of a message that arrived intact.
pub fn intact(m: &[u8; MESSAGE_LEN]) -> Option<u32> {
    let i = u32::from_le_bytes(m[..4].try_into().unwrap());
    (i < MESSAGES && *m == message(i)).then_some(i)
}

/// Starts the sender on a thread of its own; returns where to connect.
/// It writes every message to the first connection, then closes it.
pub fn start_sender() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("the receiver connects");
        stream.set_nodelay(true).unwrap();
        for i in 0..MESSAGES {
            let m = message(i);
            let (first, second) = m.split_at(MESSAGE_LEN / 2);
            if stream.write_all(first).is_err() {
                return; // the receiver has gone
            }
            if i % PAUSE_EVERY == 0 {
                std::thread::sleep(PAUSE);
            }
            if stream.write_all(second).is_err() {
                return;
            }
        }
    });
    addr
}

/// What the receiver counted.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Received {
    /// Messages that arrived whole and in their place.
    pub intact: u32,
    /// Times the ticker fired while the receiver waited for a message.
    pub ticks: u32,
}

impl Received {
    /// Counts a message read whole.
    pub fn note(&mut self, m: &[u8; MESSAGE_LEN]) {
        if intact(m).is_some() {
            self.intact += 1;
        }
    }

    pub fn lost(&self) -> u32 {
        MESSAGES - self.intact
    }

    /// One line for the example's table; the counts that change from run
    /// to run are marked `~`.
    pub fn summary(&self) -> String {
        let mark = if self.lost() == 0 { "" } else { "~" };
        format!(
            "{MESSAGES} sent: {mark}{} intact, {mark}{} lost (~{} ticks)",
            self.intact,
            self.lost(),
            self.ticks
        )
    }
}

/// Splits whole messages off the front of `pending` (bytes read so far).
pub fn take_messages(pending: &mut Vec<u8>, received: &mut Received) {
    let whole = pending.len() / MESSAGE_LEN * MESSAGE_LEN;
    for chunk in pending[..whole].chunks_exact(MESSAGE_LEN) {
        received.note(chunk.try_into().unwrap());
    }
    pending.drain(..whole);
}
