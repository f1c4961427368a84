//! Wrong answer: a `watch` channel; `pass` returns if the gate is open,
//! and otherwise after the next `changed()`.
//!
//! Why a student writes it: at a closed gate, the next change is the gate
//! opening, surely. Not always: `close` is a change too, even of a closed
//! gate, and the tasks it wakes go through a closed gate. A task woken
//! must look at the value again (`wait_for` does).

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
        self.open.send_replace(true);
    }

    pub fn close(&self) {
        self.open.send_replace(false);
    }

    pub fn is_open(&self) -> bool {
        *self.open.borrow()
    }

    pub async fn pass(&self) {
        let mut open = self.open.subscribe();
        if !*open.borrow_and_update() {
            let _ = open.changed().await;
        }
    }
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}
