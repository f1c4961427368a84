//! Counting how often a future is polled because it asked to be.
//!
//! A future that waits properly is polled about once per event it waits
//! for (a timer, a finished task). One that loops on `yield_now`, or on a
//! short sleep until something is finished, is polled hundreds or thousands
//! of times: it keeps the thread busy while looking idle. Counting its polls
//! shows that on any machine, without timing anything.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

/// What a future counted by [`count_polls`] gave.
#[derive(Debug)]
pub struct Polled<T> {
    /// What the future returned.
    pub output: T,
    /// How many times it was polled: the first time, then once per wake-up
    /// it asked for.
    pub polls: u32,
}

/// Runs `future`, counting its polls. It is polled only when it has asked
/// to be (through the waker it was given), not each time whatever polls it
/// is polled: a future joined beside others, with `join!` or `select!`, is
/// otherwise polled whenever any of them wakes up.
pub fn count_polls<F: Future>(future: F) -> CountPolls<F> {
    CountPolls {
        future: Box::pin(future),
        wakes: Arc::new(Wakes {
            // The first poll is always due.
            woken: AtomicBool::new(true),
            outer: Mutex::new(None),
        }),
        polls: 0,
    }
}

/// The future of [`count_polls`].
pub struct CountPolls<F> {
    future: Pin<Box<F>>,
    wakes: Arc<Wakes>,
    polls: u32,
}

/// The waker the counted future gets: it notes that the future asked to be
/// polled, and passes the wake-up on to whatever polls [`CountPolls`].
struct Wakes {
    woken: AtomicBool,
    outer: Mutex<Option<Waker>>,
}

impl Wake for Wakes {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        let outer = self.outer.lock().unwrap_or_else(|e| e.into_inner()).clone();
        if let Some(waker) = outer {
            waker.wake();
        }
    }
}

impl<F: Future> Future for CountPolls<F> {
    type Output = Polled<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        // The outer waker first: a wake-up after the check below reaches it.
        *this.wakes.outer.lock().unwrap_or_else(|e| e.into_inner()) = Some(cx.waker().clone());
        if !this.wakes.woken.swap(false, Ordering::SeqCst) {
            // Polled for another future's wake-up: nothing to do.
            return Poll::Pending;
        }
        this.polls += 1;
        let waker = Waker::from(this.wakes.clone());
        this.future
            .as_mut()
            .poll(&mut Context::from_waker(&waker))
            .map(|output| Polled {
                output,
                polls: this.polls,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_future_is_counted_once_per_wake_up_it_asked_for() {
        let counted = smol::block_on(count_polls(async {
            for _ in 0..5 {
                smol::future::yield_now().await;
            }
            7
        }));
        assert_eq!(counted.output, 7);
        assert_eq!(counted.polls, 6, "the first poll and one after each yield");
    }

    #[test]
    fn wake_ups_of_a_future_joined_beside_it_are_not_counted() {
        let spinning = async {
            for _ in 0..1000 {
                smol::future::yield_now().await;
            }
        };
        let waiting = count_polls(smol::Timer::after(Duration::from_millis(20)));
        // `zip` polls both futures whenever either wakes up, as `join!` does.
        let ((), waited) = smol::block_on(smol::future::zip(spinning, waiting));
        assert!(
            waited.polls <= 3,
            "a timer was polled {} times beside a spinning future",
            waited.polls
        );
    }
}
