//! Wrong answer: every fault is retried, a 404 too.
//!
//! Why a student writes it: "retry on error" is the rule one remembers. But
//! a page that is not there will not be there a second later: the retries
//! only load the server, and the crawl waits for nothing.

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
        if let Ok(Ok(body)) = tokio::time::timeout(policy.timeout, attempt()).await {
            return Ok(body);
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
