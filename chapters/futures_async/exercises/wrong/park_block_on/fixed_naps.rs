//! Wrong answer: a waker that does nothing, and a nap of 100 ms between
//! polls.
//!
//! Why a student writes it: it fixes the busy loop of `Waker::noop()` with
//! the Python habit of polling on a rhythm. But the future is then seen
//! ready up to 100 ms after it was woken, and a shorter nap burns more CPU:
//! the waker exists so that the thread sleeps exactly until it is needed.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
