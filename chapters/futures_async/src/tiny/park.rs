//! The smallest executor: run one future to its end on this thread.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

// ANCHOR: block_on
/// Wakes the thread that runs the future: `wake` unparks it.
struct Unparker(Thread);

impl Wake for Unparker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `future` until it is ready. Between polls the thread sleeps
/// (`park`) until the future's waker wakes it: no busy loop. An `unpark`
/// that comes before the `park` is kept, so a wake-up between the poll and
/// the park is not lost.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let waker = Waker::from(Arc::new(Unparker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            // A park may also end for no reason: polling again is harmless.
            Poll::Pending => thread::park(),
        }
    }
}
// ANCHOR_END: block_on
