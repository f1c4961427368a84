//! The crawl's bookkeeping, the same on every runtime: the pages seen, the
//! frontier (seen, not started yet), the limit on requests in flight, and
//! what is done with each page's result (written, counted, shown).

use crate::progress::Progress;
use crate::results::Results;
use crate::scenario::{Outcome, POLICY, PageResult, Policy, ROOT};
use std::collections::{HashMap, HashSet, VecDeque};
use std::io;

/// How many pages ended each way, and the attempts they took.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub ok: u64,
    pub not_found: u64,
    pub failed: u64,
    /// Attempts after the first, over all pages.
    pub retries: u64,
}

impl Counts {
    pub fn pages(&self) -> u64 {
        self.ok + self.not_found + self.failed
    }

    pub fn add(&mut self, page: &PageResult) {
        *match page.outcome {
            Outcome::Ok => &mut self.ok,
            Outcome::NotFound => &mut self.not_found,
            Outcome::Failed => &mut self.failed,
        } += 1;
        self.retries += page.attempts.saturating_sub(1) as u64;
    }
}

// ANCHOR: frontier
/// A page is marked seen when its link is found, not when it is fetched:
/// a link found twice while its page is in flight is not queued twice.
pub struct Frontier {
    seen: HashSet<String>,
    queue: VecDeque<String>,
    /// At most this many requests in flight.
    limit: usize,
    /// Batches: a new batch starts only when the last one is all done.
    batches: bool,
    filling: bool,
}

impl Frontier {
    pub fn new(limit: usize, batches: bool) -> Frontier {
        Frontier {
            seen: HashSet::new(),
            queue: VecDeque::new(),
            limit,
            batches,
            filling: false,
        }
    }

    /// Queues `url` unless it was seen before.
    pub fn found(&mut self, url: &str) {
        if self.seen.insert(url.to_string()) {
            self.queue.push_back(url.to_string());
        }
    }

    /// The next page to start while `running` are in flight, if the limit
    /// allows one: under `limit` in flight (a pipeline), or, with batches,
    /// only while a new batch is being started.
    pub fn next_to_start(&mut self, running: usize) -> Option<String> {
        if self.batches && running == 0 {
            self.filling = true;
        }
        let may = running < self.limit && (!self.batches || self.filling);
        let next = if may { self.queue.pop_front() } else { None };
        if next.is_none() {
            self.filling = false;
        }
        next
    }
}
// ANCHOR_END: frontier

impl Frontier {
    pub fn seen(&self) -> usize {
        self.seen.len()
    }

    pub fn queued(&self) -> usize {
        self.queue.len()
    }
}

/// A crawl in progress: the frontier, the results file, the counts and the
/// progress shown. Every runtime's crawler calls `next_to_start` and
/// `finished`, and nothing else.
pub struct Crawl {
    pub frontier: Frontier,
    results: Results,
    pub progress: Progress,
    pub counts: Counts,
    /// The first write that failed: the crawl stops then, and writes no
    /// line after the one that may be cut short.
    pub write_error: Option<io::Error>,
    /// Why the root page failed, if it did: the site is not there.
    pub root_failed: Option<String>,
    /// Pages of the earlier run that are done (ok or 404), and that failed
    /// there and are tried again now.
    pub earlier_done: usize,
    pub earlier_failed: usize,
    /// How each page is tried: [`POLICY`], with `--try-ms` as its timeout.
    pub policy: Policy,
}

impl Crawl {
    /// A crawl from the root, or, with `earlier` results (`--resume`), from
    /// where they stopped: every page done in them (ok or 404) is seen, and
    /// the frontier is their failed pages, tried again, then the links of
    /// their pages that are not done.
    pub fn new(frontier: Frontier, results: Results, earlier: &[PageResult]) -> Crawl {
        let mut crawl = Crawl {
            frontier,
            results,
            progress: Progress::new(),
            counts: Counts::default(),
            write_error: None,
            root_failed: None,
            earlier_done: 0,
            earlier_failed: 0,
            policy: POLICY,
        };
        // ANCHOR: resume
        // A page's last line wins: a page that failed, then was tried
        // again by an earlier --resume, has two.
        let mut last: HashMap<&str, &PageResult> = HashMap::new();
        for page in earlier {
            last.insert(&page.url, page);
        }
        let (failed, done): (Vec<&PageResult>, Vec<&PageResult>) = earlier
            .iter()
            .filter(|page| std::ptr::eq(last[page.url.as_str()], *page))
            .partition(|page| page.outcome == Outcome::Failed);
        for page in &done {
            crawl.frontier.seen.insert(page.url.clone());
        }
        if done.is_empty() {
            crawl.frontier.found(ROOT);
        }
        for page in &failed {
            crawl.frontier.found(&page.url);
        }
        for link in done.iter().flat_map(|page| &page.links) {
            crawl.frontier.found(link);
        }
        // ANCHOR_END: resume
        (crawl.earlier_done, crawl.earlier_failed) = (done.len(), failed.len());
        crawl
    }

    /// The next page to fetch, if the limit lets one start now.
    pub fn next_to_start(&mut self, running: usize) -> Option<String> {
        if self.write_error.is_some() {
            return None;
        }
        self.frontier.next_to_start(running)
    }

    /// A page is done: its line is written at once, its links queued.
    /// `None` is a page the crawl stopped before it was done: nothing to do.
    pub fn finished(&mut self, page: Option<PageResult>) {
        let Some(page) = page else { return };
        if self.write_error.is_some() {
            return; // the crawl is stopping: no line after a failed one
        }
        if let Err(e) = self.results.add(&page) {
            self.write_error = Some(e);
        }
        if page.url == ROOT && page.outcome != Outcome::Ok && self.earlier_done == 0 {
            let why = page.error.clone();
            self.root_failed = Some(why.unwrap_or_else(|| format!("status {:?}", page.status)));
        }
        for link in &page.links {
            self.frontier.found(link);
        }
        self.counts.add(&page);
        let frontier = &self.frontier;
        self.progress
            .update(&self.counts, frontier.seen(), frontier.queued());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_queued_once_and_the_limit_holds() {
        let mut f = Frontier::new(2, false);
        for url in ["/a", "/b", "/a", "/c"] {
            f.found(url);
        }
        assert_eq!((f.seen(), f.queued()), (3, 3));
        assert_eq!(f.next_to_start(0).as_deref(), Some("/a"));
        assert_eq!(f.next_to_start(1).as_deref(), Some("/b"));
        assert_eq!(f.next_to_start(2), None);
        f.found("/b");
        assert_eq!(f.next_to_start(1).as_deref(), Some("/c"));
        assert_eq!(f.next_to_start(0), None);
    }

    #[test]
    fn a_batch_starts_only_when_the_last_one_is_done() {
        let mut f = Frontier::new(2, true);
        for url in ["/a", "/b", "/c", "/d"] {
            f.found(url);
        }
        assert!(f.next_to_start(0).is_some() && f.next_to_start(1).is_some());
        assert_eq!(f.next_to_start(2), None);
        assert_eq!(
            f.next_to_start(1),
            None,
            "one of the batch is still running"
        );
        assert!(f.next_to_start(0).is_some());
    }

    #[test]
    fn resuming_sees_every_page_written_and_queues_the_links_not_fetched() {
        let earlier = [
            PageResult::ok("/site/0", 200, 1, vec!["/site/1".into(), "/site/2".into()]),
            PageResult::ok("/site/1", 200, 1, vec!["/site/0".into(), "/site/3".into()]),
        ];
        let mut crawl = Crawl::new(Frontier::new(10, false), Results::nowhere(), &earlier);
        let mut next = Vec::new();
        while let Some(url) = crawl.next_to_start(0) {
            next.push(url);
        }
        assert_eq!(next, ["/site/2", "/site/3"]);
    }

    #[test]
    fn resuming_tries_failed_pages_again_and_the_last_line_wins() {
        let earlier = [
            PageResult::ok("/site/0", 200, 1, vec!["/site/1".into(), "/site/2".into()]),
            PageResult::failed("/site/1", Some(500), 5, "status 500".into()),
            PageResult::failed("/site/2", None, 5, "reset".into()),
            // /site/2 was tried again by an earlier --resume, and worked.
            PageResult::ok("/site/2", 200, 1, vec!["/site/4".into()]),
        ];
        let mut crawl = Crawl::new(Frontier::new(10, false), Results::nowhere(), &earlier);
        assert_eq!((crawl.earlier_done, crawl.earlier_failed), (2, 1));
        let mut next = Vec::new();
        while let Some(url) = crawl.next_to_start(0) {
            next.push(url);
        }
        assert_eq!(next, ["/site/1", "/site/4"]);
        // Only the root, and it failed: the crawl starts from it again.
        let earlier = [PageResult::failed("/site/0", None, 5, "refused".into())];
        let mut crawl = Crawl::new(Frontier::new(10, false), Results::nowhere(), &earlier);
        assert_eq!(crawl.next_to_start(0).as_deref(), Some("/site/0"));
        assert_eq!(crawl.next_to_start(1), None);
    }
}
