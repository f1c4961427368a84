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
    /// to run are marked `~`. The lost count, not the intact one: when
    /// messages are lost, nearly all are, but the few that a later cut puts
    /// back in line vary from 0 to dozens, too much to compare two runs by.
    pub fn summary(&self) -> String {
        let mark = if self.lost() == 0 { "" } else { "~" };
        format!(
            "{MESSAGES} sent: {mark}{} lost, ~{} ticks",
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

// ---------------------------------------------------------------------
// Cancelling, timeouts, and a token: jobs that wait delay units.

use harness::Timeline;

/// The job the scenarios cancel or time out: it waits this many units.
pub const JOB_UNITS: u32 = 3;
/// The cancel comes after this many units...
pub const CANCEL_AT_UNITS: u32 = 1;
/// ...and the timeouts after this many: both before the job is done.
pub const TIMEOUT_UNITS: u32 = 2;

/// What waiting with a timeout gave.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Waited {
    Done(u32),
    TimedOut,
}

/// What became of the job, from the timeline.
pub fn fate(tl: &Timeline, task: &str) -> &'static str {
    if tl.time_of(task, "done").is_some() {
        "done"
    } else if tl.time_of(task, "cancelled").is_some() {
        "cancelled"
    } else if tl.time_of(task, "start").is_some() {
        "still running"
    } else {
        "never started"
    }
}

/// Clean-up for a job that is cancelled, Python's `except CancelledError:`:
/// it runs when the job's future is dropped before the job called
/// [`CleanUp::finished`], and marks `ran` on the timeline.
pub struct CleanUp {
    tl: Timeline,
    finished: bool,
}

impl CleanUp {
    pub fn new(tl: &Timeline) -> Self {
        CleanUp {
            tl: tl.clone(),
            finished: false,
        }
    }

    /// The job got to its end: nothing to clean up.
    pub fn finished(mut self) {
        self.finished = true;
    }
}

impl Drop for CleanUp {
    fn drop(&mut self) {
        if !self.finished {
            // Only synchronous work can happen here: `drop` cannot `.await`.
            self.tl.mark("clean-up", "ran", None);
        }
    }
}

/// Three steps of one unit each, run with a timeout per step or with one
/// deadline for all of them.
pub const STEPS: u32 = 3;
/// Each step may take up to 1.5 units...
pub fn step_timeout(unit: std::time::Duration) -> std::time::Duration {
    unit * 3 / 2
}
/// ...and all of them together up to 2.5 units.
pub fn deadline(unit: std::time::Duration) -> std::time::Duration {
    unit * 5 / 2
}

/// How many steps finished (`Ok`), or which step ran out of time (`Err`).
pub type Steps = Result<u32, u32>;

/// The worker of the token scenario takes steps of one unit until it is
/// told to stop, which comes after this many units...
pub const STOP_AT_UNITS: u32 = 2;
/// ...then it flushes what it has, an `.await` of this many units, which
/// clean-up in `Drop` could not do.
pub const FLUSH_UNITS: u32 = 1;

/// What the worker of the token scenario did.
#[derive(Debug, PartialEq)]
pub struct Stopped {
    pub steps: u32,
    pub flushed: bool,
}

/// A task group of three jobs: `units` to wait, and whether the job fails
/// at the end of its wait. The failure comes first, at 1 unit.
pub const GROUP: [(&str, u32, bool); 3] = [("a", 3, false), ("b", 1, true), ("c", 2, false)];

/// What a failed job of the group returns.
pub fn failure(name: &str) -> String {
    format!("{name} failed")
}
