// Exercise `callbacks_to_await`: replace the `todo` below with your code, then run
// `cargo exercise check callbacks_to_await`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! From callbacks to `.await`. This Python fetches a page, parses it and
//! saves its links, each step started by the callback of the one before:
//!
//! ```text
//! def on_fetched(site, task):
//!     parsing = asyncio.create_task(parse(task.result()))
//!     parsing.add_done_callback(partial(on_parsed, site))
//!
//! def on_parsed(site, task):
//!     asyncio.create_task(save(site, task.result()))
//!
//! fetching = asyncio.create_task(fetch(site))
//! fetching.add_done_callback(partial(on_fetched, site))
//! ```
//!
//! Nothing in it tells the caller when the links are saved, how many there
//! were, or that the fetch failed (`task.result()` raises inside
//! `on_fetched`, and the event loop only logs it). Write it as one
//! `async fn` instead: fetch, parse and save in turn, and return the number
//! of links saved once they are saved; or, if the fetch fails, its error,
//! with nothing parsed or saved.
//!
//! The steps are in `src/site.rs`: `fetch`, `parse` and `save`. Any runtime
//! will do; set `RUNTIME` to the one you use.

use crate::site::{Site, fetch, parse, save};
use exercise_support::{Runtime, Timeline};

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Tokio;

/// Fetches the site's page, parses its links and saves them, one step after
/// another; returns how many links were saved, or the fetch's error.
pub async fn fetch_parse_save(timeline: Timeline, site: Site) -> Result<usize, String> {
    todo!("fetch, parse and save in turn, each with .await")
}
