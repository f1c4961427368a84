//! What every approach shares: which pages to fetch, the server they come
//! from, and how long each approach should take with no overhead.

use harness::Settings;
use slow_server::{Config, RunningServer};
use std::time::Duration;

/// `--requests N`: how many pages to fetch.
pub const REQUESTS: &str = "--requests";
/// `--workers N`: threads in the pool, or processes.
pub const WORKERS: &str = "--workers";

/// A slow server on a free port of 127.0.0.1 whose answers wait one delay unit.
pub fn server_config(settings: &Settings) -> Config {
    Config::with_delay(settings.unit)
}

/// Starts the server of [`server_config`] on a thread of its own.
pub fn start_server(settings: &Settings) -> RunningServer {
    slow_server::start(server_config(settings)).expect("could not start the slow server")
}

/// The pages to fetch: `/detail/1` to `/detail/N`.
pub fn paths(settings: &Settings) -> Vec<String> {
    (1..=settings.value(REQUESTS))
        .map(|id| format!("/detail/{id}"))
        .collect()
}

/// The same pages, each asking the server for its own delay: `/detail/1`
/// waits the whole unit and each next one unit/N less, so the last one
/// asked is the first one answered. The order holds only while those steps
/// are wider than the jitter of a run (a few ms on a busy machine): with N
/// close to the unit in milliseconds or above it (`--requests 100
/// --unit-ms 50`), neighbours get the same delay, whole milliseconds
/// being the server's resolution, and arrive in any order.
pub fn paths_slowest_first(settings: &Settings) -> Vec<String> {
    let n = settings.value(REQUESTS);
    let unit_ms = settings.unit.as_millis() as u64;
    (1..=n)
        .map(|id| {
            let delay_ms = (unit_ms * (n + 1 - id)).div_ceil(n);
            format!("/detail/{id}?delay_ms={delay_ms}")
        })
        .collect()
}

/// The name of the task that fetches `path` on the timeline: `r1`, `r2`, ...
/// padded so that they sort in order.
pub fn task_name(path: &str, settings: &Settings) -> String {
    let path = path.split('?').next().unwrap_or(path);
    let id = path.rsplit('/').next().unwrap_or(path);
    let width = settings.value(REQUESTS).to_string().len();
    format!("r{id:0>width$}")
}

/// The title every page must have: `Detail ID`.
pub fn expected_titles(settings: &Settings) -> Vec<String> {
    (1..=settings.value(REQUESTS))
        .map(|id| format!("Detail {id}"))
        .collect()
}

/// The text of a page's `<title>`.
pub fn title_of(body: &str) -> String {
    http_get::title(body).unwrap_or("(no title)").to_string()
}

/// What an approach fetched, and how many requests the server saw at once.
pub struct Fetched {
    pub titles: Vec<String>,
    pub peak_in_flight: u64,
}

impl std::fmt::Debug for Fetched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} pages; the server saw {} at once",
            self.titles.len(),
            self.peak_in_flight
        )
    }
}

/// Titles in the order they arrived.
pub struct Arrived(pub Vec<String>);

impl std::fmt::Debug for Arrived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const SHOWN: usize = 8;
        let ids: Vec<&str> = self
            .0
            .iter()
            .take(SHOWN)
            .map(|title| title.strip_prefix("Detail ").unwrap_or(title))
            .collect();
        let more = if self.0.len() > SHOWN { " …" } else { "" };
        write!(f, "arrived in this order: {}{more}", ids.join(" "))
    }
}

pub use harness::error_chain;

/// With no overhead: one delay after another.
pub fn ideal_sequential(s: &Settings) -> Duration {
    s.unit * s.value(REQUESTS) as u32
}

/// With no overhead: `workers` at a time.
pub fn ideal_workers(s: &Settings) -> Duration {
    s.unit * s.value(REQUESTS).div_ceil(s.value(WORKERS)) as u32
}

/// With no overhead: every request waits at the same time.
pub fn ideal_concurrent(s: &Settings) -> Duration {
    s.unit
}
