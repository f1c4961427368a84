//! Wrong answer: `forget`s the permit and gives the place back by hand with
//! `add_permits(1)` after the request.
//!
//! Why a student writes it: it looks like Python's `acquire()` ...
//! `release()`. But the `add_permits` after the `.await` never runs when
//! the request panics (or is cancelled): that place is lost for good. A
//! permit kept alive gives it back in its `Drop`, whatever happens.

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

pub async fn admit(gate: &Gate, request: Request) -> Answer {
    match gate.try_acquire() {
        Ok(place) => {
            place.forget();
            let value = request.await;
            gate.add_permits(1);
            Answer::Done(value)
        }
        Err(_) => Answer::Busy,
    }
}
