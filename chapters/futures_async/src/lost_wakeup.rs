//! A lost wake-up, and its fix. A flag that another thread sets, and a
//! future that waits for it: it looks at the flag and, if it is not set,
//! leaves its waker for the setter to wake. Done in two steps, with the
//! lock let go between them, a setter that comes in between finds no waker:
//! the future sleeps on with the flag set, until something else polls it.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

/// A flag, and the waker of whoever waits for it.
#[derive(Default)]
pub struct Flag {
    state: Mutex<(bool, Option<Waker>)>,
}

impl Flag {
    /// Sets the flag and wakes the waiter, if it has left its waker.
    pub fn set(&self) {
        let waker = {
            let mut state = self.state.lock().unwrap();
            state.0 = true;
            state.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

// ANCHOR: lost
/// Waits for the flag in two steps: look, then leave the waker. `gap` widens
/// the moment between the two so that the setter lands in it every time.
pub struct LookThenLeave<'a> {
    pub flag: &'a Flag,
    pub gap: Duration,
}

impl Future for LookThenLeave<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.flag.state.lock().unwrap().0 {
            return Poll::Ready(());
        }
        thread::sleep(self.gap); // the setter sets the flag now: no waker yet
        self.flag.state.lock().unwrap().1 = Some(cx.waker().clone());
        Poll::Pending // nobody will wake this
    }
}
// ANCHOR_END: lost

// ANCHOR: fixed
/// Waits for the flag with the look and the waker under one lock: the
/// setter either comes before (and the look sees the flag) or after (and
/// finds the waker).
pub struct LookAndLeave<'a> {
    pub flag: &'a Flag,
    pub gap: Duration,
}

impl Future for LookAndLeave<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.flag.state.lock().unwrap();
        if state.0 {
            return Poll::Ready(());
        }
        state.1 = Some(cx.waker().clone());
        drop(state);
        thread::sleep(self.gap); // the same pause, now harmless
        Poll::Pending
    }
}
// ANCHOR_END: fixed
