// Exercise `retry_with_backoff`: replace the `todo` below with your code, then run
// `cargo exercise check retry_with_backoff`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! Retrying a request: `attempt()` starts one try at a page and gives its
//! body, or a fault: a status (`Fault::Status(500)`, `Fault::Status(404)`)
//! or a broken connection (`Fault::Reset`). Some tries never answer at all.
//!
//! Give each try at most `policy.timeout`. Try again after a 5xx, a reset
//! or a timeout, waiting `policy.first_backoff` before the second try and
//! twice as long before each try after that; give up after
//! `policy.attempts` tries in all with `Error::GaveUp`. A 404 (or any other
//! 4xx) is an answer: return `Error::Status` at once, without trying again.
//! The checker runs it on tokio's current-thread runtime.

use std::future::Future;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    pub attempts: u32,
    pub timeout: Duration,
    pub first_backoff: Duration,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fault {
    Status(u16),
    Reset,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Error {
    /// A status that retrying would not change (4xx).
    Status(u16),
    /// Every attempt failed.
    GaveUp { attempts: u32 },
}

pub async fn fetch_with_retries<F, Fut>(mut attempt: F, policy: Policy) -> Result<String, Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<String, Fault>>,
{
    todo!("try with a timeout each time, wait longer between tries, stop after policy.attempts")
}
