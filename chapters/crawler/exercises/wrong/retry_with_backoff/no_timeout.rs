//! Wrong answer: no timeout on a try.
//!
//! Why a student writes it: the retries handle failures, and a server
//! answers sooner or later. But a try that never answers is not a failure:
//! it waits forever, and the retries never come.

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
        match attempt().await {
            Ok(body) => return Ok(body),
            Err(Fault::Status(status)) if status < 500 => return Err(Error::Status(status)),
            Err(_) => {}
        }
        if tried < policy.attempts {
            tokio::time::sleep(wait).await;
            wait *= 2;
        }
    }
    Err(Error::GaveUp {
        attempts: policy.attempts,
    })
}
