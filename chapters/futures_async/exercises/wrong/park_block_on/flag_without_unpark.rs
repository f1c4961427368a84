//! Wrong answer: the waker sets a flag, and the loop parks with a timeout
//! until the flag is set; but the waker never unparks the thread.
//!
//! Why a student writes it: a "woken" flag looks like the right record of
//! a wake, and `park_timeout` keeps it from hanging forever. But the
//! sleeping thread only sees the flag when its timeout runs out: every wake
//! is answered late. The waker must wake the thread itself (`unpark`).

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

struct Flag(AtomicBool);

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

pub fn block_on<F: Future>(future: F) -> F::Output {
    let flag = Arc::new(Flag(AtomicBool::new(false)));
    let waker = Waker::from(flag.clone());
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        while !flag.0.swap(false, Ordering::SeqCst) {
            std::thread::park_timeout(Duration::from_millis(200));
        }
    }
}
