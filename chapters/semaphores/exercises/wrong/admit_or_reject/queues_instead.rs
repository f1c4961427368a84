//! Wrong answer: waits for a place (`acquire().await`) instead of turning
//! the request away.
//!
//! Why a student writes it: it is how the chapter limits requests in
//! flight. A server shedding load must not queue: under overload the queue
//! grows without bound and every answer comes late.

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
    let _place = gate.acquire().await.unwrap();
    Answer::Done(request.await)
}
