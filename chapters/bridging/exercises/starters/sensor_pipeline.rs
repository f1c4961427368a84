// Exercise `sensor_pipeline`: replace the `todo` below with your code, then run
// `cargo exercise check sensor_pipeline`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! A blocking sensor feeds async code: the reads, which block, run on a
//! plain thread and go through a bounded channel to the async side, which
//! handles each reading as it comes. A full channel holds the sensor back.
//!
//! The checker's sensor blocks 2 ms per reading and gives 40 readings drawn
//! for the run; handling one takes 5 ms, so the sensor is the faster side.
//! It runs `pipeline` on tokio's current-thread runtime.

use std::future::Future;
use std::pin::Pin;

/// How many readings the channel holds.
pub const CAPACITY: usize = 4;

/// The sensor: each call blocks until the next reading; `None` after the last.
pub type Sensor = Box<dyn FnMut() -> Option<u32> + Send>;

/// Handling a reading: async; gives a number to add up.
pub type Handler = Box<dyn FnMut(u32) -> Pin<Box<dyn Future<Output = u64> + Send>> + Send>;

/// Reads every reading on a plain thread (never on the runtime's thread),
/// sends each through a tokio channel that holds `CAPACITY`, and handles
/// them here, one at a time, as they arrive. Returns the sum of what
/// `handle` gave.
pub async fn pipeline(mut sensor: Sensor, mut handle: Handler) -> u64 {
    todo!("read on a plain thread, send with blocking_send, receive and handle here")
}
