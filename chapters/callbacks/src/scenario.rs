//! What the callback scenarios are, whatever the runtime: the sites they
//! fetch, how long each step waits, the callbacks' own work, and what a
//! correct run returns. The runtime versions import these so that the three
//! stay short and the tests check all three the same way.

/// A site the scenarios fetch: its address, how many delay units its page
/// takes to arrive, and how many links the page holds.
#[derive(Clone, Copy, Debug)]
pub struct Site {
    pub url: &'static str,
    pub units: u32,
    pub links: usize,
}

impl Site {
    /// The page the site serves: its links, and nothing else.
    pub fn page(&self) -> String {
        "<a>".repeat(self.links)
    }
}

/// The one site of the done-callback scenario.
pub const SITE: Site = Site {
    url: "a.io",
    units: 2,
    links: 3,
};

/// Three sites whose pages arrive in the order b, c, a.
pub const SITES: [Site; 3] = [
    Site {
        url: "a.io",
        units: 3,
        links: 4,
    },
    Site {
        url: "b.io",
        units: 1,
        links: 2,
    },
    Site {
        url: "c.io",
        units: 2,
        links: 3,
    },
];

/// The site of the three-step job: fetch (2 units), parse, save.
pub const PIPELINE: Site = Site {
    url: "a.io",
    units: 2,
    links: 3,
};
pub const PARSE_UNITS: u32 = 1;
pub const SAVE_UNITS: u32 = 1;

/// The numbers of the nested coroutines: `print_sum(100, 200)`, whose
/// inner `add` waits one unit.
pub const X: u32 = 100;
pub const Y: u32 = 200;
pub const ADD_UNITS: u32 = 1;

/// What parsing a page finds: its number of links.
pub fn count_links(page: &str) -> usize {
    page.matches("<a>").count()
}

/// The callback of the `partial` and `channel` scenarios: it needs the URL
/// as well as the page, as `report(url, future)` does in Python.
pub fn report(url: &str, page: &str) -> String {
    format!("{url}: {} links", count_links(page))
}

/// What the save step answers: where it stored how many links.
pub fn saved(url: &str, links: usize) -> String {
    format!("{url}: {links} saved")
}

/// The expected outcomes, computed from the sites rather than written out.
pub mod expected {
    use super::*;

    /// The done-callback scenario returns the page, the callback or not.
    pub fn done_callback() -> String {
        SITE.page()
    }

    /// One report per site, in the order the sites are given.
    pub fn in_submission_order(sites: &[Site]) -> Vec<String> {
        sites.iter().map(|s| report(s.url, &s.page())).collect()
    }

    /// One report per site, in the order their pages arrive: quickest first.
    pub fn in_completion_order(sites: &[Site]) -> Vec<String> {
        let mut by_time: Vec<&Site> = sites.iter().collect();
        by_time.sort_by_key(|s| s.units);
        by_time.iter().map(|s| report(s.url, &s.page())).collect()
    }

    /// What the three-step job returns, whichever way it is written.
    pub fn pipeline() -> String {
        saved(PIPELINE.url, PIPELINE.links)
    }

    /// How many units the three steps take, one after the other.
    pub fn pipeline_units() -> u32 {
        PIPELINE.units + PARSE_UNITS + SAVE_UNITS
    }

    /// `print_sum(100, 200)`.
    pub fn nested() -> u32 {
        X + Y
    }

    /// The longest delay of `sites`: how long fetching them all at once takes.
    pub fn longest(sites: &[Site]) -> u32 {
        sites.iter().map(|s| s.units).max().unwrap_or(0)
    }
}
