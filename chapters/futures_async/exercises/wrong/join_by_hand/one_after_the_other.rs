//! Wrong answer: `b` is polled only once `a` is done.
//!
//! Why a student writes it: "first a, then b" reads naturally, and the
//! outputs are right. But `b` is not even started until `a` has finished:
//! the two waits add up instead of overlapping, which is `a.await; b.await`,
//! not a join.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pub struct Both<A: Future, B: Future> {
    a: Pin<Box<A>>,
    b: Pin<Box<B>>,
    a_out: Option<A::Output>,
}

impl<A: Future, B: Future> Unpin for Both<A, B> {}

pub fn both<A: Future, B: Future>(a: A, b: B) -> Both<A, B> {
    Both { a: Box::pin(a), b: Box::pin(b), a_out: None }
}

impl<A: Future, B: Future> Future for Both<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if this.a_out.is_none() {
            match this.a.as_mut().poll(cx) {
                Poll::Ready(out) => this.a_out = Some(out),
                Poll::Pending => return Poll::Pending,
            }
        }
        match this.b.as_mut().poll(cx) {
            Poll::Ready(b) => Poll::Ready((this.a_out.take().unwrap(), b)),
            Poll::Pending => Poll::Pending,
        }
    }
}
