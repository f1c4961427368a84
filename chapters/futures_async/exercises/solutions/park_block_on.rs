//! `block_on`: run a future to its end on the calling thread, the heart of
//! every runtime. Between polls the thread must sleep until the future's
//! waker is called: no busy loop, no fixed naps.
//!
//! The checker runs futures woken from other threads, futures that wake
//! themselves while being polled, and counts the polls. Tools:
//! `std::task::{Wake, Waker, Context}`, `std::thread::{park, current}`,
//! `std::pin::pin!`.

use std::future::Future;
// BEGIN SOLUTION
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

struct Unparker(Thread);

impl Wake for Unparker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}
// END SOLUTION

/// Polls `future` until it is ready, sleeping between polls until it is woken.
pub fn block_on<F: Future>(future: F) -> F::Output {
    // BEGIN SOLUTION
    let waker = Waker::from(Arc::new(Unparker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            Poll::Pending => thread::park(),
        }
    }
    // END SOLUTION
    // STARTER todo!("poll the future; between polls, sleep until its waker is called")
}
