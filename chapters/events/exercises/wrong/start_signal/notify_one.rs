//! Wrong answer: a `tokio::sync::Notify`, fired with `notify_one`.
//!
//! Why a student writes it: `notify_one` remembers a call made while
//! nobody waits (it stores a permit), so a late worker does go. But only
//! one: the permit is taken by the first worker, and of five workers
//! waiting, one goes and four wait forever.

use tokio::sync::Notify;

pub struct StartSignal {
    bell: Notify,
}

impl StartSignal {
    pub fn new() -> Self {
        StartSignal {
            bell: Notify::new(),
        }
    }

    pub fn fire(&self) {
        self.bell.notify_one();
    }

    pub async fn wait(&self) {
        self.bell.notified().await;
    }
}

impl Default for StartSignal {
    fn default() -> Self {
        StartSignal::new()
    }
}
