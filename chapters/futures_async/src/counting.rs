//! Counting how often a future is polled and how often its waker is woken:
//! the same wrapper around the same jobs on every runtime, so that the
//! counts compare.

use harness::Timeline;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

/// Polls and wakes, added up over every future wrapped with the same `Counts`.
#[derive(Default, Debug)]
pub struct Counts {
    polls: AtomicUsize,
    wakes: Arc<AtomicUsize>,
}

impl Counts {
    pub fn polls(&self) -> usize {
        self.polls.load(Ordering::SeqCst)
    }

    pub fn wakes(&self) -> usize {
        self.wakes.load(Ordering::SeqCst)
    }

    /// `6 polls, 3 wakes`.
    pub fn summary(&self) -> String {
        format!("{} polls, {} wakes", self.polls(), self.wakes())
    }
}

/// `future`, counting its polls and the wakes of the wakers it is given.
pub fn counted<F: Future>(future: F, counts: Arc<Counts>) -> Counted<F> {
    Counted {
        future: Box::pin(future),
        counts,
    }
}

pub struct Counted<F> {
    future: Pin<Box<F>>,
    counts: Arc<Counts>,
}

/// A waker that counts, then passes the wake on to the runtime's waker.
struct CountingWaker {
    inner: Waker,
    wakes: Arc<AtomicUsize>,
}

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
        self.inner.wake_by_ref();
    }
}

impl<F: Future> Future for Counted<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.counts.polls.fetch_add(1, Ordering::SeqCst);
        let waker = Waker::from(Arc::new(CountingWaker {
            inner: cx.waker().clone(),
            wakes: self.counts.wakes.clone(),
        }));
        self.future.as_mut().poll(&mut Context::from_waker(&waker))
    }
}

// ANCHOR: traced
/// `future`, marking each of its polls and each wake of its wakers on the
/// timeline, on the lane `lane`: the picture of when an executor polls.
pub fn traced<F: Future>(future: F, tl: &Timeline, lane: &'static str) -> Traced<F> {
    Traced {
        future: Box::pin(future),
        tl: tl.clone(),
        lane,
    }
}

pub struct Traced<F> {
    future: Pin<Box<F>>,
    tl: Timeline,
    lane: &'static str,
}

/// A waker that marks the wake, then passes it on to the executor's waker.
struct TracingWaker {
    inner: Waker,
    tl: Timeline,
    lane: &'static str,
}

impl Wake for TracingWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.tl.mark(self.lane, "wake", None);
        self.inner.wake_by_ref();
    }
}

impl<F: Future> Future for Traced<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.tl.mark(self.lane, "poll", None);
        let waker = Waker::from(Arc::new(TracingWaker {
            inner: cx.waker().clone(),
            tl: self.tl.clone(),
            lane: self.lane,
        }));
        self.future.as_mut().poll(&mut Context::from_waker(&waker))
    }
}
// ANCHOR_END: traced
