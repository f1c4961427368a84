//! What the queue scenarios share, whatever runs them: sizes, and how a
//! run is reported.

use std::time::Duration;

// ---------------------------------------------------------------------
// A bounded queue: the Python tutorial's `Queue(maxsize=5)`.

/// Items the producer puts, as fast as it can...
pub const ITEMS: usize = 20;
/// ...into a queue of this many places...
pub const CAPACITY: usize = 5;
/// ...taken by this many consumers, each spending a unit on an item.
pub const CONSUMERS: usize = 4;

/// When the producer had put everything in, and when all was consumed.
#[derive(Clone, PartialEq)]
pub struct Bounded {
    pub consumed: usize,
    /// Items each consumer took, sorted: who takes which is a race.
    pub per_consumer: Vec<usize>,
    pub producer_done: f64,
    pub all_done: f64,
}

impl std::fmt::Debug for Bounded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} consumed; producer done at {:.1} units, all at {:.1}",
            self.consumed, self.producer_done, self.all_done
        )
    }
}

/// The producer can put at once what the consumers take and the queue
/// holds; after that, each unit frees `CONSUMERS` places.
pub fn producer_done_units() -> f64 {
    let waiting = ITEMS.saturating_sub(CAPACITY + CONSUMERS);
    waiting.div_ceil(CONSUMERS) as f64
}

/// Every consumer busy all the time.
pub fn all_done_units() -> f64 {
    ITEMS.div_ceil(CONSUMERS) as f64
}

// ---------------------------------------------------------------------
// Without waiting: put_nowait, get_nowait.

/// What each step of the try-lab gave, in the words of the channel's
/// own errors.
#[derive(Clone, PartialEq)]
pub struct Tries(pub Vec<String>);

impl Tries {
    /// From what each step returned, printed with `{:?}`, shortened to
    /// the words that matter: `Err(TrySendError::Full(..))` is `Full`,
    /// `Ok(())` is `ok`, `Ok(1)` is `1`.
    pub fn from_debug(results: Vec<String>) -> Tries {
        let short = |r: &str| {
            let r = r
                .replace('"', "")
                .replace("TrySendError::", "")
                .replace("(..)", "");
            match r.strip_prefix("Ok(").or_else(|| r.strip_prefix("Err(")) {
                Some(inner) => match inner.strip_suffix(')') {
                    Some("()") => "ok".to_string(),
                    Some(inner) => inner.to_string(),
                    None => r.clone(),
                },
                None => r.clone(),
            }
        };
        Tries(results.iter().map(|r| short(r)).collect())
    }
}

impl std::fmt::Debug for Tries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.join(", "))
    }
}

/// The try-lab's steps, for the page: a queue of one place.
pub const TRY_STEPS: [&str; 5] = [
    "take from empty",
    "put 1",
    "put 2 when full",
    "take",
    "take after the sender is gone",
];

// ---------------------------------------------------------------------
// Knowing that all work is done: `task_done` and `join`.

/// Jobs, each a unit of work...
pub const JOBS: usize = 9;
/// ...for this many workers.
pub const WORKERS: usize = 3;

#[derive(Clone, PartialEq)]
pub struct AllDone {
    pub done: usize,
    pub units: f64,
}

impl std::fmt::Debug for AllDone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} jobs done by {WORKERS} workers in {:.1} units",
            self.done, self.units
        )
    }
}

// ---------------------------------------------------------------------
// oneshot, broadcast, watch.

/// The values a broadcast or a watch sends, a little apart.
pub const UPDATES: [u32; 3] = [1, 2, 3];
/// Subscribers of the broadcast.
pub const SUBSCRIBERS: usize = 3;

#[derive(Clone, PartialEq)]
pub struct Kinds {
    /// What the one-shot reply carried.
    pub reply: u32,
    /// What each broadcast subscriber received.
    pub broadcast: Vec<Vec<u32>>,
    /// What a watcher that looks once, after all updates, sees.
    pub watched: u32,
}

impl std::fmt::Debug for Kinds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let all = self.broadcast.iter().all(|got| got == &UPDATES);
        write!(
            f,
            "oneshot: {}; broadcast: {} got {}; watch: saw {}",
            self.reply,
            self.broadcast.len(),
            if all { "all 3" } else { "not all" },
            self.watched
        )
    }
}

/// The question the one-shot request asks: the answer is its double.
pub const QUESTION: u32 = 21;

/// `elapsed` in units, to one decimal.
pub fn in_units(elapsed: Duration, unit: Duration) -> f64 {
    (elapsed.as_secs_f64() / unit.as_secs_f64() * 10.0).round() / 10.0
}

/// Counts, sorted, of how many items each consumer took.
pub fn tally(takers: &[usize]) -> Vec<usize> {
    let mut per = vec![0; CONSUMERS];
    for &t in takers {
        per[t] += 1;
    }
    per.sort();
    per
}
