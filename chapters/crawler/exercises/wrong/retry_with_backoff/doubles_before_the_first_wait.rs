//! Wrong answer: the wait is doubled before it is slept, so the first wait
//! is already twice `first_backoff`.
//!
//! Why a student writes it: "double the wait, then wait" reads naturally.
//! But every wait is twice the policy's, and the last ones are long.

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
    let mut wait = policy.first_backoff;
    for tried in 1..=policy.attempts {
        match tokio::time::timeout(policy.timeout, attempt()).await {
            Ok(Ok(body)) => return Ok(body),
            Ok(Err(Fault::Status(status))) if status < 500 => return Err(Error::Status(status)),
            Ok(Err(_)) | Err(_) => {}
        }
        if tried < policy.attempts {
            wait *= 2;
            tokio::time::sleep(wait).await;
        }
    }
    Err(Error::GaveUp {
        attempts: policy.attempts,
    })
}
