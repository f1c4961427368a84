//! Wrong answer: takes the place with `try_acquire`, and `forget`s the
//! permit so that the borrow of `gate` ends.
//!
//! Why a student writes it: `forget` makes a borrow error go away. It also
//! means the place is never given back: after `LIMIT` requests, every
//! request is turned away.

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
        Ok(permit) => {
            permit.forget();
            Answer::Done(request.await)
        }
        Err(_) => Answer::Busy,
    }
}
