//! What the server answers to a request: its pages, and the failures a
//! request can ask for or the configuration injects.

use crate::Config;
use crate::http::{Refusal, Request};
use crate::site;
use std::time::Duration;

/// The longest delay a request may ask for with `?delay_ms=N`: a client
/// cannot hold a connection (and a file descriptor) for longer than this.
pub const MAX_REQUEST_DELAY_MS: u64 = 60_000;

/// A way to fail a request on purpose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Failure {
    /// Answer 500.
    Error,
    /// Close the connection without an answer.
    Close,
    /// Keep the connection open without an answer for [`Config::hang_for`].
    Hang,
}

/// What the query string asked for, checked before the request waits.
#[derive(Debug, PartialEq)]
pub struct Plan {
    pub delay: Duration,
    /// `?fail=...`; `None` leaves it to the configured failure shares.
    pub fail: Option<Failure>,
}

/// Checks `?delay_ms` and `?fail`; the refusal says what is allowed.
pub fn plan(request: &Request, config: &Config) -> Result<Plan, Refusal> {
    let delay = match request.query("delay_ms") {
        // A slow page of the site waits its own delay.
        None => match site::page_id(&request.path).map(|id| config.site.kind(id)) {
            Some(site::Kind::Slow) => config.site.slow,
            _ => config.delay,
        },
        Some(value) => match value.parse::<u64>() {
            Ok(ms) if ms <= MAX_REQUEST_DELAY_MS => Duration::from_millis(ms),
            _ => {
                return Err(Refusal::new(
                    400,
                    format!(
                        "delay_ms must be a whole number of milliseconds from 0 to {MAX_REQUEST_DELAY_MS}, not `{value}`"
                    ),
                ));
            }
        },
    };
    let fail = match request.query("fail") {
        None => None,
        Some("500") => Some(Failure::Error),
        Some("close") => Some(Failure::Close),
        Some("hang") => Some(Failure::Hang),
        Some(value) => {
            return Err(Refusal::new(
                400,
                format!("fail must be 500, close or hang, not `{value}`"),
            ));
        }
    };
    Ok(Plan { delay, fail })
}

/// What the server does with one request once its delay is over. It is
/// decided before the delay, so that a waiting request holds this small
/// value rather than the request.
#[derive(Debug, PartialEq)]
pub enum Answer {
    Send(Page),
    Close,
    Hang,
}

/// An answer to send; its body is made when it is sent.
#[derive(Debug, PartialEq)]
pub enum Page {
    Hello,
    Detail(u64),
    /// A page of the site that exists and works.
    Site(u64),
    /// A page of the site that always fails.
    SiteDead(u64),
    Status(u16),
    BadStatus,
    NotFound(Box<str>),
    NotGet,
    Injected500,
}

impl Page {
    /// Status, content type and body.
    pub fn render(&self, config: &Config) -> (u16, &'static str, String) {
        match self {
            Page::Hello => (200, "text/plain", "Hello from the slow server\n".into()),
            Page::Detail(id) => {
                let title = match &config.title_suffix {
                    None => format!("Detail {id}"),
                    Some(suffix) => format!("Detail {id} {suffix}"),
                };
                (
                    200,
                    "text/html; charset=utf-8",
                    format!(
                        "<!doctype html>\n<html><head><title>{title}</title></head>\
                         <body><h1>{title}</h1><p>Page {id} of the slow server.</p></body></html>\n"
                    ),
                )
            }
            Page::Site(id) => (200, "text/html; charset=utf-8", config.site.html(*id)),
            Page::SiteDead(id) => (500, "text/plain", format!("page {id} always fails\n")),
            Page::Status(code) => (*code, "text/plain", String::new()),
            Page::BadStatus => (400, "text/plain", "the status must be 200-599\n".into()),
            Page::NotFound(path) => (404, "text/plain", format!("no page at {path}\n")),
            Page::NotGet => (405, "text/plain", "only GET is served\n".into()),
            Page::Injected500 => (500, "text/plain", "injected failure\n".into()),
        }
    }
}

/// The answer to the `n`th delayed request.
pub fn answer(request: &Request, fail: Option<Failure>, config: &Config, n: u64) -> Answer {
    if request.method != "GET" {
        return Answer::Send(Page::NotGet);
    }
    match fail.or_else(|| drawn_failure(config, n)) {
        Some(Failure::Error) => return Answer::Send(Page::Injected500),
        Some(Failure::Close) => return Answer::Close,
        Some(Failure::Hang) => return Answer::Hang,
        None => {}
    }
    let path = request.path.as_str();
    let page = if path == "/" || path == "/hello" {
        Page::Hello
    } else if let Some(id) = path.strip_prefix("/detail/").and_then(|id| id.parse().ok()) {
        Page::Detail(id)
    } else if let Some(id) = site::page_id(path) {
        match config.site.kind(id) {
            site::Kind::Normal | site::Kind::Slow => Page::Site(id),
            site::Kind::Dead => Page::SiteDead(id),
            site::Kind::Missing => Page::NotFound(path.into()),
        }
    } else if let Some(code) = path.strip_prefix("/status/") {
        match code.parse::<u16>() {
            Ok(code @ 200..=599) => Page::Status(code),
            _ => Page::BadStatus,
        }
    } else {
        Page::NotFound(path.into())
    };
    Answer::Send(page)
}

/// The failure the configured shares give the `n`th request, if any.
fn drawn_failure(config: &Config, n: u64) -> Option<Failure> {
    let roll = (splitmix64(config.seed.wrapping_add(n)) % 100) as u8;
    let (a, b, c) = (
        config.fail_500_percent,
        config.fail_close_percent,
        config.fail_hang_percent,
    );
    if roll < a {
        Some(Failure::Error)
    } else if roll < a + b {
        Some(Failure::Close)
    } else if roll < a + b + c {
        Some(Failure::Hang)
    } else {
        None
    }
}

/// A small, good mixing function: the same `x` always gives the same number.
pub(crate) fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::parse_head;

    fn request(path: &str) -> Request {
        parse_head(format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes()).unwrap()
    }

    #[test]
    fn pages_and_statuses() {
        let config = Config::default();
        let body = |path| match answer(&request(path), None, &config, 0) {
            Answer::Send(page) => {
                let (status, _, body) = page.render(&config);
                (status, body)
            }
            other => panic!("{other:?} for {path}"),
        };
        assert_eq!(body("/hello").0, 200);
        assert!(body("/detail/42").1.contains("<title>Detail 42</title>"));
        assert_eq!(body("/status/503").0, 503);
        assert_eq!(body("/status/42").0, 400);
        assert_eq!(body("/nowhere"), (404, "no page at /nowhere\n".into()));
        assert_eq!(body("/detail/x").0, 404);
    }

    #[test]
    fn a_title_suffix_goes_into_every_detail_title() {
        let config = Config {
            title_suffix: Some("k3x9".into()),
            ..Config::default()
        };
        let (status, _, body) = Page::Detail(7).render(&config);
        assert_eq!(status, 200);
        assert!(body.contains("<title>Detail 7 k3x9</title>"), "{body}");
        let (_, _, hello) = Page::Hello.render(&config);
        assert!(!hello.contains("k3x9"), "{hello}");
    }

    #[test]
    fn the_query_asks_for_a_delay_and_a_failure_within_limits() {
        let config = Config::with_delay(Duration::from_millis(7));
        let plan_for = |path: &str| plan(&request(path), &config);
        assert_eq!(
            plan_for("/hello").unwrap(),
            Plan {
                delay: Duration::from_millis(7),
                fail: None
            }
        );
        assert_eq!(
            plan_for("/hello?delay_ms=60000&fail=hang").unwrap(),
            Plan {
                delay: Duration::from_secs(60),
                fail: Some(Failure::Hang)
            }
        );
        for bad in ["60001", "-1", "soon", "", "1.5"] {
            let refusal = plan_for(&format!("/hello?delay_ms={bad}")).unwrap_err();
            assert_eq!(refusal.status, 400);
            assert!(refusal.message.contains("from 0 to 60000"), "{refusal:?}");
        }
        let refusal = plan_for("/hello?fail=sometimes").unwrap_err();
        assert_eq!(refusal.status, 400);
        assert!(
            refusal.message.contains("500, close or hang"),
            "{refusal:?}"
        );
    }

    #[test]
    fn injected_failure_shares_come_out_about_right_and_repeat() {
        let config = Config {
            fail_500_percent: 20,
            fail_close_percent: 10,
            fail_hang_percent: 5,
            ..Config::default()
        };
        let count = |seed_offset: u64| {
            let mut counts = [0i32; 4];
            for n in 0..10_000 {
                let i = match answer(&request("/hello"), None, &config, n + seed_offset) {
                    Answer::Send(Page::Injected500) => 0,
                    Answer::Close => 1,
                    Answer::Hang => 2,
                    Answer::Send(_) => 3,
                };
                counts[i] += 1;
            }
            counts
        };
        let counts = count(0);
        assert_eq!(
            counts,
            count(0),
            "the same seed must give the same failures"
        );
        for (got, want) in counts.iter().zip([2000, 1000, 500, 6500]) {
            assert!((*got - want).abs() < 300, "{counts:?}");
        }
    }
}
