//! What the semaphore scenarios share, whatever runs them: sizes, the
//! slow server, and how a run is reported.

use std::time::Duration;

// ---------------------------------------------------------------------
// At most K at once: the Python tutorial's spiders.

/// Jobs, each a request the slow server takes...
pub const JOBS: usize = 10;
/// ...this many units over...
pub const JOB_UNITS: u32 = 2;
/// ...with at most this many at once: four waves, 8 units.
pub const K: usize = 3;

/// The slow server: every answer takes `delay`, unless a request asks for
/// another delay with `?delay_ms=`.
pub fn slow_server(delay: Duration) -> slow_server::RunningServer {
    slow_server::start(slow_server::Config::with_delay(delay)).expect("start the slow server")
}

/// What the server saw.
#[derive(Clone, Copy, PartialEq)]
pub struct Limited {
    pub served: u64,
    pub peak: u64,
}

impl std::fmt::Debug for Limited {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} served, at most {} at once", self.served, self.peak)
    }
}

// ---------------------------------------------------------------------
// A client's connection limit: the Python tutorial's aiohttp `limit=100`.

/// Requests sent at once...
pub const REQUESTS: usize = 1000;
/// ...with at most this many in flight: ten waves.
pub const CLIENT_LIMIT: usize = 100;

/// One run of the client: how long it took, in units, and the server's peak.
#[derive(Clone, Copy, PartialEq)]
pub struct Waves {
    pub ok: usize,
    pub units: f64,
    pub peak: u64,
}

impl std::fmt::Debug for Waves {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Without the limit, the peak is all the requests or a few short of
        // them (some answered before the last connected), from run to run:
        // marked `~`, so that a recorded run still matches.
        let mark = if self.peak == CLIENT_LIMIT as u64 {
            ""
        } else {
            "~"
        };
        write!(f, "{:.1} units, peak {mark}{}", self.units, self.peak)?;
        if self.ok < REQUESTS {
            write!(f, " ({} failed)", REQUESTS - self.ok)?;
        }
        Ok(())
    }
}

/// Without a limit, then with one.
#[derive(Clone, Copy, PartialEq)]
pub struct ClientLimit {
    pub unlimited: Waves,
    pub limited: Waves,
}

impl std::fmt::Debug for ClientLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "free: {:?} / limited: {:?}",
            self.unlimited, self.limited
        )
    }
}

/// Makes sure the process may open a socket per request on each side.
pub fn enough_open_files() -> Result<(), String> {
    let needed = harness::open_files::needed_for(REQUESTS as u64);
    harness::open_files::ensure(needed, &format!("{REQUESTS} requests at once"))
}

// ---------------------------------------------------------------------
// Batches against a sliding window: the Python tutorial's `del urls[:]`.

/// Requests in all...
pub const PAGES: usize = 30;
/// ...taken 10 at a time.
pub const AT_ONCE: usize = 10;

/// The delay of page `i`, in units: one page in every ten takes 3, the
/// others 1. A batch waits for its slowest page; a window does not.
pub fn page_units(i: usize) -> u32 {
    if i % AT_ONCE == i / AT_ONCE * 3 % AT_ONCE {
        3
    } else {
        1
    }
}

/// The path that asks the slow server for page `i`'s delay.
pub fn page_path(i: usize, unit: Duration) -> String {
    let ms = (unit * page_units(i)).as_millis();
    format!("/detail/{i}?delay_ms={ms}")
}

/// How long a batch of ten, then a window of ten, took, in units.
#[derive(Clone, Copy, PartialEq)]
pub struct BatchesWindow {
    pub batches: f64,
    pub window: f64,
    pub peak: u64,
}

impl std::fmt::Debug for BatchesWindow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "batches: {:.1} units / window: {:.1} units / peak {}",
            self.batches, self.window, self.peak
        )
    }
}

/// `took` in units.
pub fn in_units(took: Duration, unit: Duration) -> f64 {
    took.as_secs_f64() / unit.as_secs_f64()
}
