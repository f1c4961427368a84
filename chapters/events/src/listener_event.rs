//! An event for any runtime, as async-std and smol need one: a flag, and
//! an `event_listener::Event` to sleep on while it is false. The
//! `event-listener` crate is the smol project's; its `async-lock` (smol's
//! locks, and the semaphore async-std lacks) is built on it.

use std::sync::atomic::{AtomicBool, Ordering};

// ANCHOR: event
/// Python's `asyncio.Event` for async-std and smol. (`event_listener::Event`
/// alone is not one: it only wakes those listening when it is notified.
/// The flag is what a late waiter reads.)
#[derive(Default)]
pub struct Event {
    flag: AtomicBool,
    changed: event_listener::Event,
}

impl Event {
    pub fn new() -> Self {
        Event::default()
    }

    pub fn set(&self) {
        self.flag.store(true, Ordering::SeqCst);
        self.changed.notify(usize::MAX); // every listener, not one
    }

    pub fn clear(&self) {
        self.flag.store(false, Ordering::SeqCst);
    }

    pub fn is_set(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// Returns at once if the event is set; otherwise waits until it is.
    pub async fn wait(&self) {
        loop {
            if self.is_set() {
                return;
            }
            let listener = self.changed.listen();
            // Set between the check and `listen`? Then no notification is
            // coming for this listener: look again before sleeping.
            if self.is_set() {
                return;
            }
            listener.await;
        }
    }
}
// ANCHOR_END: event
