//! Wrong answer: the next try starts at once.
//!
//! Why a student writes it: waiting looks like wasted time. But a server
//! that just failed is likely busy or restarting; tries in a tight loop
//! hit it again before it can recover, and all the tries are spent in a
//! few milliseconds.

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
    for _ in 0..policy.attempts {
        match tokio::time::timeout(policy.timeout, attempt()).await {
            Ok(Ok(body)) => return Ok(body),
            Ok(Err(Fault::Status(status))) if status < 500 => return Err(Error::Status(status)),
            Ok(Err(_)) | Err(_) => {}
        }
    }
    Err(Error::GaveUp {
        attempts: policy.attempts,
    })
}
