//! Wrong answer: it unwraps the fetch's result with `expect`.
//!
//! Why a student writes it: the Python callback read `task.result()`
//! without a `try`, and a `Result` that is always `Ok` in a first test run
//! invites an `expect`. In Python the exception only reached the event
//! loop's log; here the panic takes the caller's task down when the site is
//! down, where the function should hand the caller the fetch's error.

use crate::site::{Site, fetch, parse, save};
use exercise_support::{Runtime, Timeline};

pub const RUNTIME: Runtime = Runtime::Smol;

pub async fn fetch_parse_save(timeline: Timeline, site: Site) -> Result<usize, String> {
    let page = fetch(&timeline, &site).await.expect("the fetch failed");
    let links = parse(&timeline, &page).await;
    save(&timeline, &site, &links).await;
    Ok(links.len())
}
