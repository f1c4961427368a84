// Exercise `gate`: replace the `todo` below with your code, then run
// `cargo exercise check gate`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! A gate, as a traffic light is one: `open` lets every task waiting at it
//! through, and lets through at once any task that comes while it is
//! open; `close` makes the tasks that come after it wait again, until the
//! next `open`. Closing a gate that is already closed lets nobody through.
//!
//! Python's `asyncio.Event` with `set`, `clear`, `is_set` and `wait`
//! (here `open`, `close`, `is_open` and `pass`). A task passes only while
//! the gate is open: one woken by an `open` that finds it closed again
//! goes back to waiting.


/// A gate that opens and closes any number of times. The checker shares
/// it between tasks (`Arc`).
pub struct Gate {
    // your fields
}

impl Gate {
    /// A closed gate.
    pub fn new() -> Self {
        todo!("a closed gate")
    }

    /// Opens the gate: every task waiting passes, and so does every task
    /// that comes while it stays open.
    pub fn open(&self) {
        todo!("open it, and wake every task waiting")
    }

    /// Closes the gate: tasks that come now wait for the next `open`.
    pub fn close(&self) {
        todo!("close it")
    }

    pub fn is_open(&self) -> bool {
        todo!("is it open?")
    }

    /// Returns at once if the gate is open; otherwise waits, without
    /// polling, until it is open.
    pub async fn pass(&self) {
        todo!("pass if open; otherwise wait until it opens")
    }
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}
