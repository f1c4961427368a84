//! Wrong answer: a `watch` channel, and `changed()` to wait.
//!
//! Why a student writes it: `changed()` is the first method the `watch`
//! docs show. But it waits for a value newer than the one the receiver
//! has seen, and a receiver made by `subscribe` has seen the current one:
//! a worker that comes after the signal fired waits for a change that
//! never comes. `wait_for(|fired| *fired)` looks at the value first.

use tokio::sync::watch;

pub struct StartSignal {
    fired: watch::Sender<bool>,
}

impl StartSignal {
    pub fn new() -> Self {
        StartSignal {
            fired: watch::Sender::new(false),
        }
    }

    pub fn fire(&self) {
        self.fired.send_replace(true);
    }

    pub async fn wait(&self) {
        let mut fired = self.fired.subscribe();
        let _ = fired.changed().await;
    }
}

impl Default for StartSignal {
    fn default() -> Self {
        StartSignal::new()
    }
}
