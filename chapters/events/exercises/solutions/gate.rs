//! A gate, as a traffic light is one: `open` lets every task waiting at it
//! through, and lets through at once any task that comes while it is
//! open; `close` makes the tasks that come after it wait again, until the
//! next `open`. Closing a gate that is already closed lets nobody through.
//!
//! Python's `asyncio.Event` with `set`, `clear`, `is_set` and `wait`
//! (here `open`, `close`, `is_open` and `pass`). A task passes only while
//! the gate is open: one woken by an `open` that finds it closed again
//! goes back to waiting.

// BEGIN SOLUTION
use tokio::sync::watch;
// END SOLUTION

/// A gate that opens and closes any number of times. The checker shares
/// it between tasks (`Arc`).
pub struct Gate {
    // BEGIN SOLUTION
    open: watch::Sender<bool>,
    // END SOLUTION
    // STARTER // your fields
}

impl Gate {
    /// A closed gate.
    pub fn new() -> Self {
        // BEGIN SOLUTION
        Gate {
            open: watch::Sender::new(false),
        }
        // END SOLUTION
        // STARTER todo!("a closed gate")
    }

    /// Opens the gate: every task waiting passes, and so does every task
    /// that comes while it stays open.
    pub fn open(&self) {
        // BEGIN SOLUTION
        self.open.send_replace(true);
        // END SOLUTION
        // STARTER todo!("open it, and wake every task waiting")
    }

    /// Closes the gate: tasks that come now wait for the next `open`.
    pub fn close(&self) {
        // BEGIN SOLUTION
        self.open.send_replace(false);
        // END SOLUTION
        // STARTER todo!("close it")
    }

    pub fn is_open(&self) -> bool {
        // BEGIN SOLUTION
        *self.open.borrow()
        // END SOLUTION
        // STARTER todo!("is it open?")
    }

    /// Returns at once if the gate is open; otherwise waits, without
    /// polling, until it is open.
    pub async fn pass(&self) {
        // BEGIN SOLUTION
        let mut open = self.open.subscribe();
        // Woken by every change, `wait_for` looks at the value each time:
        // a `close` wakes the waiters too, and they wait on.
        let _ = open.wait_for(|open| *open).await;
        // END SOLUTION
        // STARTER todo!("pass if open; otherwise wait until it opens")
    }
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}
