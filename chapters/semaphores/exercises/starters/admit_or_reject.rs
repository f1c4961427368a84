// Exercise `admit_or_reject`: replace the `todo` below with your code, then run
// `cargo exercise check admit_or_reject`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! Admission control, as a server sheds load: at most `LIMIT` requests are
//! handled at once, and a request that arrives while `LIMIT` are being
//! handled is turned away at once (`Busy`, an HTTP 503), not queued.
//!
//! The checker's requests take 100 ms, return values drawn for the run,
//! count how many run at once, and one of them panics.

use std::future::Future;
use std::pin::Pin;

/// Requests handled at once, at most.
pub const LIMIT: usize = 3;

/// The gate every request goes through: the checker makes it with
/// `Gate::new(LIMIT)` and shares it.
pub type Gate = tokio::sync::Semaphore;

/// Handling one request.
pub type Request = Pin<Box<dyn Future<Output = u32> + Send>>;

#[derive(Debug, PartialEq)]
pub enum Answer {
    /// The request was handled, and gave this.
    Done(u32),
    /// `LIMIT` requests were being handled: turned away without waiting.
    Busy,
}

/// Handles `request` if fewer than `LIMIT` are being handled, holding a
/// place until it is done (even if it panics); otherwise answers `Busy` at once.
pub async fn admit(gate: &Gate, request: Request) -> Answer {
    todo!("take a place without waiting, or answer Busy; keep the place until the request is done")
}
