//! Wrong answer: a `watch` channel and `wait_for`, but the state stored
//! with `send`, its error ignored.
//!
//! Why a student writes it: `send` is the obvious name. But it fails while
//! no task is subscribed, and then it keeps nothing: a gate opened while
//! nobody waits stays closed, for `is_open` and for the next task that
//! comes. `send_replace` always stores the value.

use tokio::sync::watch;

pub struct Gate {
    open: watch::Sender<bool>,
}

impl Gate {
    pub fn new() -> Self {
        Gate {
            open: watch::Sender::new(false),
        }
    }
    pub fn open(&self) {
        let _ = self.open.send(true);
    }
    pub fn close(&self) {
        let _ = self.open.send(false);
    }
    pub fn is_open(&self) -> bool {
        *self.open.borrow()
    }
    pub async fn pass(&self) {
        let mut open = self.open.subscribe();
        let _ = open.wait_for(|open| *open).await;
    }
}
impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}
