//! Wrong answer: when not both are done, it wakes its own waker before
//! returning `Pending`, "so that it gets polled again".
//!
//! Why a student writes it: a `Pending` that nobody wakes hangs, and waking
//! oneself seems the safe side. But the inner futures have already handed
//! the waker to whoever will wake them (the timer): waking it here makes
//! the runtime poll again at once, in a loop that keeps a core busy for the
//! whole wait.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pub struct Both<A: Future, B: Future> {
    a: Pin<Box<A>>,
    b: Pin<Box<B>>,
    a_out: Option<A::Output>,
    b_out: Option<B::Output>,
}

impl<A: Future, B: Future> Unpin for Both<A, B> {}

pub fn both<A: Future, B: Future>(a: A, b: B) -> Both<A, B> {
    Both { a: Box::pin(a), b: Box::pin(b), a_out: None, b_out: None }
}

impl<A: Future, B: Future> Future for Both<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if this.a_out.is_none() {
            if let Poll::Ready(out) = this.a.as_mut().poll(cx) {
                this.a_out = Some(out);
            }
        }
        if this.b_out.is_none() {
            if let Poll::Ready(out) = this.b.as_mut().poll(cx) {
                this.b_out = Some(out);
            }
        }
        if this.a_out.is_some() && this.b_out.is_some() {
            return Poll::Ready((this.a_out.take().unwrap(), this.b_out.take().unwrap()));
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
