//! Wrong answer: it fetches and parses with `.await`, then spawns the save
//! and returns the count without waiting for it.
//!
//! Why a student writes it: it is what the Python did, `on_parsed` called
//! `create_task(save(...))` and returned, and the count is known once the
//! page is parsed, so waiting for the save looks like wasted time. But the
//! caller is told "saved" before anything is stored; if the save fails, or
//! the runtime stops first (here the checks' runtime ends with the call and
//! takes the task with it), the links are never saved and nobody hears of it.

use crate::site::{Site, fetch, parse, save};
use exercise_support::{Runtime, Timeline};

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn fetch_parse_save(timeline: Timeline, site: Site) -> Result<usize, String> {
    let page = fetch(&timeline, &site).await?;
    let links = parse(&timeline, &page).await;
    let count = links.len();
    tokio::spawn(async move {
        save(&timeline, &site, &links).await;
    });
    Ok(count)
}
