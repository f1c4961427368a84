//! Wrong answer: a count of requests in flight kept by hand, in a static.
//!
//! Why a student writes it: a counter is what a semaphore is, and
//! `fetch_add` / `fetch_sub` are atomic. But the `fetch_sub` after the
//! `.await` never runs when the request panics (or is cancelled): that
//! place is lost for good. A permit gives it back in its `Drop`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::future::Future;
use std::pin::Pin;

pub const LIMIT: usize = 3;
pub type Gate = tokio::sync::Semaphore;
pub type Request = Pin<Box<dyn Future<Output = u32> + Send>>;

#[derive(Debug, PartialEq)]
pub enum Answer {
    Done(u32),
    Busy,
}


static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

pub async fn admit(_gate: &Gate, request: Request) -> Answer {
    if IN_FLIGHT.fetch_add(1, Ordering::SeqCst) >= LIMIT {
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
        return Answer::Busy;
    }
    let value = request.await;
    IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    Answer::Done(value)
}
