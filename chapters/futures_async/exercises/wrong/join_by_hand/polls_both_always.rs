//! Wrong answer: both futures are polled on every call, done or not.
//!
//! Why a student writes it: it is the shortest `poll`, and keeping the
//! outputs seems enough. But a future that has returned `Ready` must not be
//! polled again: an `async fn`'s future panics ("resumed after
//! completion"), others misbehave.

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
        if let Poll::Ready(out) = this.a.as_mut().poll(cx) {
            this.a_out = Some(out);
        }
        if let Poll::Ready(out) = this.b.as_mut().poll(cx) {
            this.b_out = Some(out);
        }
        if this.a_out.is_some() && this.b_out.is_some() {
            Poll::Ready((this.a_out.take().unwrap(), this.b_out.take().unwrap()))
        } else {
            Poll::Pending
        }
    }
}
