//! Wrong answer: a `watch` channel and `wait_for`, but the value stored
//! with `send`, its error ignored.
//!
//! Why a student writes it: `send` is the obvious name, and `unwrap` on it
//! panicked, so the error went. `send` fails when no receiver exists, and
//! then it keeps nothing: a signal fired before any worker waits is lost,
//! and every worker waits forever. `send_replace` always stores the value.

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
        let _ = self.fired.send(true);
    }

    pub async fn wait(&self) {
        let mut fired = self.fired.subscribe();
        let _ = fired.wait_for(|fired| *fired).await;
    }
}

impl Default for StartSignal {
    fn default() -> Self {
        StartSignal::new()
    }
}
