//! Wrong answer: the same wait before every try.
//!
//! Why a student writes it: a pause is a pause. But when many clients fail
//! together, a fixed wait brings them back together, over and over; a
//! wait that doubles spreads them out and gives the server time.

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
    for tried in 1..=policy.attempts {
        match tokio::time::timeout(policy.timeout, attempt()).await {
            Ok(Ok(body)) => return Ok(body),
            Ok(Err(Fault::Status(status))) if status < 500 => return Err(Error::Status(status)),
            Ok(Err(_)) | Err(_) => {}
        }
        if tried < policy.attempts {
            tokio::time::sleep(policy.first_backoff).await;
        }
    }
    Err(Error::GaveUp {
        attempts: policy.attempts,
    })
}
