//! What every approach shares: which pages to fetch, the server they come
//! from, and how long each approach should take with no overhead.

use harness::Settings;
use slow_server::{Config, RunningServer};
use std::time::Duration;

/// `--requests N`: how many pages to fetch.
pub const REQUESTS: &str = "--requests";
/// `--workers N`: threads in the pool, or processes.
pub const WORKERS: &str = "--workers";

/// A slow server on a free port whose answers wait one delay unit.
pub fn start_server(settings: &Settings) -> RunningServer {
    slow_server::start(Config::with_delay(settings.unit)).expect("could not start the slow server")
}

/// The pages to fetch: `/detail/1` to `/detail/N`.
pub fn paths(settings: &Settings) -> Vec<String> {
    (1..=settings.value(REQUESTS))
        .map(|id| format!("/detail/{id}"))
        .collect()
}

/// The name of the task that fetches `path` on the timeline: `r1`, `r2`, ...
/// padded so that they sort in order.
pub fn task_name(path: &str, settings: &Settings) -> String {
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
