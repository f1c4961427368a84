//! Wrong answer: a waker that does nothing, and a loop that polls until
//! the future is ready.
//!
//! Why a student writes it: `Waker::noop()` is the quickest way to get a
//! `Context`, and the loop does end. But it polls millions of times while
//! the future waits, keeping a core at 100% for nothing.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
    }
}
