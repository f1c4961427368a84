//! A web site to crawl: pages `/site/0` .. `/site/{pages-1}` whose HTML
//! links to other pages with `<a href="/site/M">`. The graph is drawn from
//! a seed, so the same settings always give the same site, and a test can
//! compute what a crawl must find ([`Site::reachable`]) without fetching.
//!
//! Some links point past the last page (answered 404), some pages are slow
//! (they wait [`Site::slow`] instead of the server's delay), and some fail
//! for good (always 500, with no links). Transient faults are the server's
//! per-request `fail_*_percent` shares: a retry of those can succeed.

use std::collections::{BTreeSet, VecDeque};
use std::time::Duration;

/// The generated site. `pages == 0` (the default) means no site: every
/// `/site/...` path is answered 404.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    /// Pages that exist: `/site/0` (the root) to `/site/{pages-1}`.
    pub pages: u64,
    /// Links on each page that does not fail (fewer if two are the same).
    pub links: u32,
    /// Share (0-100) of links that point to a page that does not exist.
    pub broken_percent: u8,
    /// Share (0-100) of pages that wait `slow` instead of the server's delay.
    pub slow_percent: u8,
    pub slow: Duration,
    /// Share (0-100) of pages that always answer 500.
    pub dead_percent: u8,
    /// Draws the graph; the same seed gives the same site.
    pub seed: u64,
}

impl Default for Site {
    fn default() -> Self {
        Site {
            pages: 0,
            links: 4,
            broken_percent: 3,
            slow_percent: 2,
            slow: Duration::from_millis(200),
            dead_percent: 1,
            seed: 1,
        }
    }
}

/// What a page of the site is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Answered 200 after the server's delay.
    Normal,
    /// Answered 200 after [`Site::slow`].
    Slow,
    /// Always answered 500: no retry helps.
    Dead,
    /// Past the last page: answered 404.
    Missing,
}

/// The most pages a site may have.
pub const MAX_PAGES: u64 = 1_000_000;
/// The most links on one page.
pub const MAX_LINKS: u32 = 50;

impl Site {
    /// A site of `pages` pages with the other settings at their defaults.
    pub fn with_pages(pages: u64) -> Site {
        Site {
            pages,
            ..Site::default()
        }
    }

    /// Checks the settings; the message says what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        if self.pages > MAX_PAGES {
            return Err(format!(
                "a site may have at most {MAX_PAGES} pages, not {}",
                self.pages
            ));
        }
        if self.links > MAX_LINKS {
            return Err(format!(
                "a page may have at most {MAX_LINKS} links, not {}",
                self.links
            ));
        }
        for (name, share) in [
            ("broken-link", self.broken_percent),
            ("slow-page", self.slow_percent),
            ("dead-page", self.dead_percent),
        ] {
            if share > 100 {
                return Err(format!(
                    "the {name} share is {share}%; it may be 100% at most"
                ));
            }
        }
        if self.slow_percent as u32 + self.dead_percent as u32 > 100 {
            return Err("the slow-page and dead-page shares may add up to 100% at most".into());
        }
        Ok(())
    }

    /// A number drawn for `(what, id, k)`: the same arguments, the same number.
    fn draw(&self, what: u64, id: u64, k: u64) -> u64 {
        let x = self.seed ^ what.wrapping_mul(0xA24B_AED4_963E_E407);
        crate::answer::splitmix64(crate::answer::splitmix64(x ^ id) ^ k)
    }

    /// What page `id` is. The root (0) is always normal, so a crawl starts.
    pub fn kind(&self, id: u64) -> Kind {
        if id >= self.pages {
            return Kind::Missing;
        }
        if id == 0 {
            return Kind::Normal;
        }
        let roll = (self.draw(1, id, 0) % 100) as u8;
        if roll < self.dead_percent {
            Kind::Dead
        } else if roll < self.dead_percent + self.slow_percent {
            Kind::Slow
        } else {
            Kind::Normal
        }
    }

    /// The pages page `id` links to, in the order its HTML has them, each
    /// once; empty for a page that fails or does not exist. A broken link
    /// points past the last page.
    pub fn links(&self, id: u64) -> Vec<u64> {
        if !matches!(self.kind(id), Kind::Normal | Kind::Slow) {
            return Vec::new();
        }
        let mut links = Vec::with_capacity(self.links as usize);
        for k in 0..self.links as u64 {
            let target = self.draw(2, id, k) % self.pages;
            let broken = (self.draw(3, id, k) % 100) < self.broken_percent as u64;
            let target = if broken { self.pages + target } else { target };
            if !links.contains(&target) {
                links.push(target);
            }
        }
        links
    }

    /// Every page a crawl from the root finds: the root, and each page a
    /// page it found links to (missing ones too: a crawler fetches them and
    /// gets 404). Computed without the server.
    pub fn reachable(&self) -> BTreeSet<u64> {
        let mut found = BTreeSet::new();
        if self.pages == 0 {
            return found;
        }
        let mut frontier = VecDeque::from([0]);
        found.insert(0);
        while let Some(id) = frontier.pop_front() {
            for link in self.links(id) {
                if found.insert(link) {
                    frontier.push_back(link);
                }
            }
        }
        found
    }

    /// The HTML of page `id` (a page that exists and does not fail).
    pub fn html(&self, id: u64) -> String {
        let mut html = format!(
            "<!doctype html>\n<html><head><title>Page {id}</title></head><body><h1>Page {id}</h1><ul>\n"
        );
        for link in self.links(id) {
            html += &format!("<li><a href=\"/site/{link}\">Page {link}</a></li>\n");
        }
        html += "</ul></body></html>\n";
        html
    }
}

/// The page id of a `/site/N` path, if it is one: N in the one spelling
/// the site links to (digits, no sign, no leading zero), so that each page
/// has one address.
pub fn page_id(path: &str) -> Option<u64> {
    let digits = path.strip_prefix("/site/")?;
    let canonical = digits.bytes().all(|b| b.is_ascii_digit())
        && !(digits.len() > 1 && digits.starts_with('0'));
    if canonical { digits.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_come_out_about_right() {
        let site = Site {
            pages: 10_000,
            dead_percent: 10,
            slow_percent: 20,
            broken_percent: 30,
            ..Site::default()
        };
        let kinds: Vec<Kind> = (0..site.pages).map(|id| site.kind(id)).collect();
        let count = |k| kinds.iter().filter(|&&x| x == k).count() as i64;
        assert!((count(Kind::Dead) - 1000).abs() < 200);
        assert!((count(Kind::Slow) - 2000).abs() < 300);
        let links: Vec<u64> = (0..site.pages).flat_map(|id| site.links(id)).collect();
        let broken = links.iter().filter(|&&l| l >= site.pages).count() as f64;
        let share = broken / links.len() as f64;
        assert!((share - 0.3).abs() < 0.03, "{share}");
        assert_eq!(site.kind(site.pages), Kind::Missing);
        assert!(site.links(site.pages + 3).is_empty());
    }

    #[test]
    fn a_page_has_one_address() {
        assert_eq!(page_id("/site/0"), Some(0));
        assert_eq!(page_id("/site/105"), Some(105));
        for path in [
            "/site/05", "/site/+5", "/site/", "/site/-1", "/site/5x", "/other/5",
        ] {
            assert_eq!(page_id(path), None, "{path}");
        }
    }

    #[test]
    fn bad_settings_say_what_is_allowed() {
        let bad = |site: Site| site.validate().unwrap_err();
        assert!(
            bad(Site {
                links: 51,
                ..Site::default()
            })
            .contains("at most 50 links")
        );
        assert!(
            bad(Site {
                pages: MAX_PAGES + 1,
                ..Site::default()
            })
            .contains("at most")
        );
        assert!(
            bad(Site {
                slow_percent: 60,
                dead_percent: 50,
                ..Site::default()
            })
            .contains("100% at most")
        );
        assert!(Site::with_pages(2000).validate().is_ok());
    }
}
