//! Wrong answer: it waits after every failed try, the last one too.
//!
//! Why a student writes it: "fail, wait, go round" is the loop's body, and
//! the loop's end comes after. But after the last try there is nothing to
//! wait for: the page's failure is reported a whole (the longest) backoff late.

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
    for _ in 0..policy.attempts {
        match tokio::time::timeout(policy.timeout, attempt()).await {
            Ok(Ok(body)) => return Ok(body),
            Ok(Err(Fault::Status(status))) if status < 500 => return Err(Error::Status(status)),
            Ok(Err(_)) | Err(_) => {}
        }
        tokio::time::sleep(wait).await;
        wait *= 2;
    }
    Err(Error::GaveUp {
        attempts: policy.attempts,
    })
}
