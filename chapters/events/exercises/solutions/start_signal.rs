//! A start signal: workers wait for it, a coordinator fires it once, and
//! every worker goes, including those that only begin waiting after it
//! fired (they were slow to start, and must not wait forever).
//!
//! Python's `asyncio.Event` with `set` and `wait`. On tokio, pick the
//! primitive with care: the checker's workers start waiting before and
//! after the signal fires, and it counts how often each wait is polled.

// BEGIN SOLUTION
use tokio::sync::watch;
// END SOLUTION

/// A signal fired once. The checker shares it between tasks (`Arc`).
pub struct StartSignal {
    // BEGIN SOLUTION
    fired: watch::Sender<bool>,
    // END SOLUTION
    // STARTER // your fields
}

impl StartSignal {
    /// A signal not fired yet.
    pub fn new() -> Self {
        // BEGIN SOLUTION
        StartSignal {
            fired: watch::Sender::new(false),
        }
        // END SOLUTION
        // STARTER todo!("a signal that has not fired")
    }

    /// Fires the signal: every worker waiting goes now, and every worker
    /// that waits later goes at once.
    pub fn fire(&self) {
        // BEGIN SOLUTION
        // `send_replace`, not `send`: `send` keeps nothing when no worker
        // is subscribed yet, and a late worker would wait forever.
        self.fired.send_replace(true);
        // END SOLUTION
        // STARTER todo!("fire it, for the workers waiting and for those to come")
    }

    /// Returns once the signal has fired: at once if it already has.
    pub async fn wait(&self) {
        // BEGIN SOLUTION
        let mut fired = self.fired.subscribe();
        let _ = fired.wait_for(|fired| *fired).await;
        // END SOLUTION
        // STARTER todo!("return at once if it fired; otherwise wait, without polling, until it does")
    }
}

impl Default for StartSignal {
    fn default() -> Self {
        StartSignal::new()
    }
}
