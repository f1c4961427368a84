// Exercise `start_signal`: replace the `todo` below with your code, then run
// `cargo exercise check start_signal`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! A start signal: workers wait for it, a coordinator fires it once, and
//! every worker goes, including those that only begin waiting after it
//! fired (they were slow to start, and must not wait forever).
//!
//! Python's `asyncio.Event` with `set` and `wait`. On tokio, pick the
//! primitive with care: the checker's workers start waiting before and
//! after the signal fires, and it counts how often each wait is polled.


/// A signal fired once. The checker shares it between tasks (`Arc`).
pub struct StartSignal {
    // your fields
}

impl StartSignal {
    /// A signal not fired yet.
    pub fn new() -> Self {
        todo!("a signal that has not fired")
    }

    /// Fires the signal: every worker waiting goes now, and every worker
    /// that waits later goes at once.
    pub fn fire(&self) {
        todo!("fire it, for the workers waiting and for those to come")
    }

    /// Returns once the signal has fired: at once if it already has.
    pub async fn wait(&self) {
        todo!("return at once if it fired; otherwise wait, without polling, until it does")
    }
}

impl Default for StartSignal {
    fn default() -> Self {
        StartSignal::new()
    }
}
