//! Join by hand: `both(a, b)` is a future that runs `a` and `b` at the
//! same time and gives both outputs, what `futures::join!` does. Write the
//! `Future` impl yourself: no `join!`, `join_all` or `async` block.
//!
//! The checker joins jobs that wait on a timer, on smol, and counts how
//! often your future is polled. A future polled again after it returned
//! `Ready` panics in the checks, as many real futures do.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Both futures, and the output of each once it is ready.
pub struct Both<A: Future, B: Future> {
    // BEGIN SOLUTION
    a: Pin<Box<A>>,
    b: Pin<Box<B>>,
    a_out: Option<A::Output>,
    b_out: Option<B::Output>,
    // END SOLUTION
    // STARTER // your fields
    // STARTER _todo: std::marker::PhantomData<(A, B)>,
}

/// `Both` never pins what it holds in place: keep the futures in
/// `Pin<Box<..>>`, and the outputs are plain values. So it may be moved
/// while being polled (`Unpin`), and `poll` can reach its fields with
/// `&mut *self`, whatever `A` and `B` are.
impl<A: Future, B: Future> Unpin for Both<A, B> {}

/// A future of both outputs; `a` and `b` make progress at the same time.
pub fn both<A: Future, B: Future>(a: A, b: B) -> Both<A, B> {
    // BEGIN SOLUTION
    Both {
        a: Box::pin(a),
        b: Box::pin(b),
        a_out: None,
        b_out: None,
    }
    // END SOLUTION
    // STARTER todo!("keep both futures, pinned, and room for their outputs")
}

impl<A: Future, B: Future> Future for Both<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // BEGIN SOLUTION
        let this = &mut *self; // `Both` is `Unpin`: see above

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
        match (this.a_out.take(), this.b_out.take()) {
            (Some(a), Some(b)) => Poll::Ready((a, b)),
            // Not both yet: put back what is there, and wait to be woken.
            (a, b) => {
                this.a_out = a;
                this.b_out = b;
                Poll::Pending
            }
        }
        // END SOLUTION
        // STARTER todo!("poll each future not finished yet; Ready when both are")
    }
}
