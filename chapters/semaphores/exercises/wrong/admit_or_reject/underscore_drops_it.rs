//! Wrong answer: `let Ok(_) = gate.try_acquire() else { ... }`, then the
//! request.
//!
//! Why a student writes it: `_` reads as "a value I do not use". But the
//! `_` pattern does not bind the permit at all: it is dropped at the end of
//! the `let`, the place is given back before the request starts, and
//! nothing is limited. (`_place` would keep it.)

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
    let Ok(_) = gate.try_acquire() else {
        return Answer::Busy;
    };
    Answer::Done(request.await)
}
