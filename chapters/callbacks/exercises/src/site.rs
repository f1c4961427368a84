//! The three steps of `callbacks_to_await`: fetch a site's page, parse its
//! links, save them. Each waits (without blocking) and records itself on
//! the timeline, as a lane named after the step.
//!
//! A site's page, its links and the steps' delays are private: the checks
//! draw new links for every run, so the only way to the links is to fetch
//! the page and parse it.

use exercise_support::{Timeline, sleep};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A web site, as the three steps see it.
#[derive(Clone)]
pub struct Site {
    pub url: &'static str,
    /// The paths the page links to.
    links: Vec<String>,
    /// How long fetch, parse and save each wait.
    delays: [Duration; 3],
    /// A site that is down answers every fetch with an error that carries
    /// this code (drawn by the checks, so only the fetch's own error has it).
    down: Option<u32>,
    /// What `save` stored for this site.
    saved: Arc<Mutex<Vec<String>>>,
}

impl Site {
    /// A site whose page links to `links`; the steps wait `delays_ms`
    /// (fetch, parse, save); `down` is the error code of a site that is
    /// down. For the checks.
    pub fn new(
        url: &'static str,
        links: Vec<String>,
        delays_ms: [u64; 3],
        down: Option<u32>,
    ) -> Site {
        Site {
            url,
            links,
            delays: delays_ms.map(Duration::from_millis),
            down,
            saved: Arc::default(),
        }
    }

    /// The links `save` has stored for this site so far.
    pub fn saved(&self) -> Vec<String> {
        self.saved.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Site")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// A fetched page: its HTML, which only `parse` reads.
pub struct Page {
    html: String,
    /// How long parsing this page takes.
    parse_delay: Duration,
}

/// Step 1: waits, then returns the site's page, or an error if the site is
/// down.
pub async fn fetch(timeline: &Timeline, site: &Site) -> Result<Page, String> {
    let record = timeline.start("fetch");
    sleep(site.delays[0]).await;
    if let Some(code) = site.down {
        return Err(record.failed(format!("{} is down (error {code})", site.url)));
    }
    let html = site
        .links
        .iter()
        .map(|path| format!("<a href=\"{path}\">"))
        .collect();
    record.done(());
    Ok(Page {
        html,
        parse_delay: site.delays[1],
    })
}

/// Step 2: waits, then returns the paths the page links to.
pub async fn parse(timeline: &Timeline, page: &Page) -> Vec<String> {
    let record = timeline.start("parse");
    sleep(page.parse_delay).await;
    let links: Vec<String> = page
        .html
        .split("<a href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(path, _)| path.to_string()))
        .collect();
    record.done(links.len());
    links
}

/// Step 3: waits, then stores `links` as the site's. Dropped before it is
/// done, it stores nothing.
pub async fn save(timeline: &Timeline, site: &Site, links: &[String]) {
    let record = timeline.start("save");
    sleep(site.delays[2]).await;
    site.saved
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .extend_from_slice(links);
    record.done(links.len());
}
