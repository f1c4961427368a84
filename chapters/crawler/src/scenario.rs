//! What the three crawlers share: the site they crawl, the retry policy's
//! numbers, what one fetch gives, link parsing, and a page's result.

use futures::FutureExt;
use futures::channel::oneshot;
use futures::future::Shared;
use std::time::Duration;

// ---------------------------------------------------------------------
// The site: the slow server's generated pages.

/// The root of the site: every crawl starts here.
pub const ROOT: &str = "/site/0";
/// Pages of the site the crawler's own server serves, unless `--pages`.
pub const PAGES: u64 = 2000;
/// How long each page of its own server waits (slow pages wait
/// [`slow_server::Site::slow`], 200 ms): a site far away, made local.
pub const PAGE_DELAY: Duration = Duration::from_millis(20);
/// Shares of requests its own server fails on purpose, unless told otherwise:
/// 500s, connections closed unanswered (a reset), and no answer at all.
pub const FAIL_500_PERCENT: u8 = 5;
pub const RESET_PERCENT: u8 = 2;
pub const HANG_PERCENT: u8 = 1;

/// The slow server's configuration for a site of `pages` pages.
pub fn server_config(pages: u64, faults: [u8; 3], seed: u64) -> slow_server::Config {
    slow_server::Config {
        delay: PAGE_DELAY,
        fail_500_percent: faults[0],
        fail_close_percent: faults[1],
        fail_hang_percent: faults[2],
        seed,
        site: slow_server::Site {
            pages,
            seed,
            ..slow_server::Site::default()
        },
        ..slow_server::Config::default()
    }
}

// ---------------------------------------------------------------------
// The retry policy.

// ANCHOR: policy
/// How a page is fetched: each attempt gets `timeout`; a 5xx, a broken
/// connection or a timeout is tried again after a wait that doubles
/// (`first_backoff`, then twice that, ...), at most `attempts` times in
/// all. A 404 or another 4xx is an answer: trying again would not change it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    pub attempts: u32,
    pub timeout: Duration,
    pub first_backoff: Duration,
}

/// Five attempts: with 8% of requests failing on purpose, a page fails five
/// times in a row about once in 300,000 pages; with four, a 2000-page crawl
/// lost a page to bad luck one run in ten.
pub const POLICY: Policy = Policy {
    attempts: 5,
    timeout: Duration::from_millis(1000),
    first_backoff: Duration::from_millis(50),
};

/// What one attempt gave.
#[derive(Debug)]
pub enum Fetched {
    Answer {
        status: u16,
        body: String,
    },
    /// Refused, reset, closed before a whole answer came...
    Broken(String),
    /// No answer within [`Policy::timeout`].
    TimedOut,
}

/// After an attempt: the page's result, or try again after a wait.
#[derive(Debug)]
pub enum Next {
    Done(PageResult),
    RetryAfter(Duration),
}

impl Policy {
    /// The wait before attempt `attempt + 1`: 50, 100, 200 ms...
    pub fn backoff(&self, attempt: u32) -> Duration {
        self.first_backoff * 2u32.saturating_pow(attempt.saturating_sub(1))
    }

    /// What to do after attempt number `attempt` (from 1) of `path` gave `fetched`.
    pub fn after(&self, path: &str, attempt: u32, fetched: Fetched) -> Next {
        let (status, error) = match fetched {
            Fetched::Answer { status, body } if (200..300).contains(&status) => {
                return Next::Done(PageResult::ok(path, status, attempt, links(&body)));
            }
            Fetched::Answer { status: 404, .. } => {
                return Next::Done(PageResult::not_found(path, attempt));
            }
            Fetched::Answer { status, .. } if status < 500 => {
                let error = format!("status {status} is not retried");
                return Next::Done(PageResult::failed(path, Some(status), attempt, error));
            }
            Fetched::Answer { status, .. } => (Some(status), format!("status {status}")),
            Fetched::Broken(why) => (None, why),
            Fetched::TimedOut => (None, format!("no answer within {:?}", self.timeout)),
        };
        if attempt >= self.attempts {
            let error = format!("{error} (gave up after {attempt} attempts)");
            Next::Done(PageResult::failed(path, status, attempt, error))
        } else {
            Next::RetryAfter(self.backoff(attempt))
        }
    }
}
// ANCHOR_END: policy

/// How long the requests in flight may go on after Ctrl-C before they are
/// dropped: the program must be gone within a second.
pub const GRACE: Duration = Duration::from_millis(300);

/// What the crawler says when Ctrl-C comes with `running` pages started
/// and not done.
pub fn interrupted(running: usize) -> String {
    format!(
        "Ctrl-C: no new pages and no new tries; of the {running} pages started, those \
         waiting to retry are dropped now, the tries in flight get {} ms \
         (--resume fetches every page not written)",
        GRACE.as_millis()
    )
}

/// Tells every page's task that the crawl is stopping (Ctrl-C): a page
/// waiting out a backoff gives up at once instead of trying again. The
/// sender's drop is the signal; every clone of the receiver sees it.
#[derive(Clone)]
pub struct Stop(Shared<oneshot::Receiver<()>>);

impl Stop {
    /// The stop signal: drop the sender to stop.
    pub fn new() -> (oneshot::Sender<()>, Stop) {
        let (tx, rx) = oneshot::channel();
        (tx, Stop(rx.shared()))
    }

    /// Ends when the crawl is stopping.
    pub async fn stopping(&self) {
        let _ = self.0.clone().await;
    }
}

// ---------------------------------------------------------------------
// Links.

// ANCHOR: links
/// The links of a page that stay on the site (`href="/..."`), each once, in
/// the order they come, without a `#fragment`. A real crawler would use an
/// HTML parser; the slow server's pages need no more than this.
pub fn links(html: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for rest in html.split("href=\"").skip(1) {
        let Some(end) = rest.find('"') else { continue };
        let link = rest[..end].split('#').next().unwrap_or_default();
        // `/x` is on the site; `//host/x` is another host, by the same scheme.
        let on_site = link.starts_with('/') && !link.starts_with("//");
        if on_site && !found.iter().any(|l| l == link) {
            found.push(link.to_string());
        }
    }
    found
}
// ANCHOR_END: links

// ---------------------------------------------------------------------
// A page's result: one line of the results file.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    NotFound,
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::NotFound => "not_found",
            Outcome::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        [Outcome::Ok, Outcome::NotFound, Outcome::Failed]
            .into_iter()
            .find(|o| o.as_str() == text)
    }
}

/// What became of one page.
#[derive(Clone, Debug, PartialEq)]
pub struct PageResult {
    /// The page's path (`/site/12`): the same whatever port the server has.
    pub url: String,
    pub outcome: Outcome,
    /// The last status, if an answer came.
    pub status: Option<u16>,
    pub attempts: u32,
    pub links: Vec<String>,
    pub error: Option<String>,
}

impl PageResult {
    pub fn ok(url: &str, status: u16, attempts: u32, links: Vec<String>) -> Self {
        PageResult {
            url: url.into(),
            outcome: Outcome::Ok,
            status: Some(status),
            attempts,
            links,
            error: None,
        }
    }

    pub fn not_found(url: &str, attempts: u32) -> Self {
        PageResult {
            url: url.into(),
            outcome: Outcome::NotFound,
            status: Some(404),
            attempts,
            links: Vec::new(),
            error: None,
        }
    }

    pub fn failed(url: &str, status: Option<u16>, attempts: u32, error: String) -> Self {
        PageResult {
            url: url.into(),
            outcome: Outcome::Failed,
            status,
            attempts,
            links: Vec::new(),
            error: Some(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_stay_on_the_site_once_each() {
        let html = r##"<a href="/site/1">a</a> <a href="/site/2#x">b</a>
            <a href="http://elsewhere/">c</a> <a href="//elsewhere/site/4">d</a>
            <a href="/site/1">again</a> <a href="/site/3"##;
        assert_eq!(links(html), ["/site/1", "/site/2"]);
    }

    #[test]
    fn the_policy_retries_5xx_breaks_and_timeouts_but_not_404() {
        let answer = |status| Fetched::Answer {
            status,
            body: String::new(),
        };
        assert!(
            matches!(POLICY.after("/a", 1, answer(404)), Next::Done(p) if p.outcome == Outcome::NotFound)
        );
        assert!(
            matches!(POLICY.after("/a", 1, answer(403)), Next::Done(p) if p.outcome == Outcome::Failed)
        );
        let waits: Vec<Duration> = (1..4)
            .map(|n| match POLICY.after("/a", n, answer(500)) {
                Next::RetryAfter(wait) => wait,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(waits, [50, 100, 200].map(Duration::from_millis));
        assert!(matches!(
            POLICY.after("/a", 4, answer(502)),
            Next::RetryAfter(_)
        ));
        assert!(matches!(
            POLICY.after("/a", 2, Fetched::TimedOut),
            Next::RetryAfter(_)
        ));
        match POLICY.after("/a", 5, Fetched::Broken("reset".into())) {
            Next::Done(p) => {
                assert_eq!((p.outcome, p.attempts), (Outcome::Failed, 5));
                assert!(p.error.unwrap().contains("gave up after 5 attempts"));
            }
            other => panic!("{other:?}"),
        }
    }
}
