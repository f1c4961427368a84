//! What every version shares: the jobs, the pages, how a GET is recorded,
//! and what a correct run returns.

use harness::{Settings, Timeline};
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

/// `--tasks N`: how many sleeping tasks `many_tasks` starts.
pub const TASKS: &str = "--tasks";
/// `--pages N`: how many pages `get` fetches at once.
pub const PAGES: &str = "--pages";

/// The gather scenario's jobs: a name and how many units each waits.
pub const JOBS: [(&str, u32); 3] = [("a", 3), ("b", 1), ("c", 2)];
/// What gathering [`JOBS`] returns: their units, in submission order.
pub const GATHERED: [u32; 3] = [3, 1, 2];

/// The path of page `i` on the slow server (each answers after one unit).
pub fn page_path(i: usize) -> String {
    format!("/detail/{i}")
}

/// The names of the `get` scenario's lanes: `get1`, `get2`, ...
pub fn page_names(settings: &Settings) -> Vec<String> {
    (1..=settings.value(PAGES) as usize)
        .map(|i| format!("get{i}"))
        .collect()
}

/// GETs page `i` over `stream` (any runtime's, seen through the `futures`
/// I/O traits), recorded on the timeline as `name`; returns its title.
pub async fn get_title<S>(
    tl: &Timeline,
    name: &str,
    stream: S,
    addr: SocketAddr,
    i: usize,
) -> io::Result<String>
where
    S: futures::io::AsyncRead + futures::io::AsyncWrite + Unpin,
{
    let record = tl.start(name);
    let got = http_get::get(stream, &addr.to_string(), &page_path(i))
        .await
        .and_then(|page| page.error_for_status());
    match got {
        Ok(page) => Ok(record.done(
            http_get::title(&page.body)
                .unwrap_or("(no title)")
                .to_string(),
        )),
        Err(e) => Err(record.failed(e)),
    }
}

/// With no overhead: the gather scenario takes its longest job.
pub fn ideal_gather(s: &Settings) -> Duration {
    s.units(JOBS.iter().map(|&(_, units)| units).max().unwrap_or(0))
}

/// The lazy scenario: one unit before `join!`, one unit of `join!`.
pub fn ideal_two_units(s: &Settings) -> Duration {
    s.units(2)
}

/// One unit: everything waits at once.
pub fn ideal_one_unit(s: &Settings) -> Duration {
    s.unit
}
