//! What the condition scenarios share, whatever runs them: the dialogue,
//! who says which line, how long a speaker waits before giving up, and how
//! a run is reported.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

// ---------------------------------------------------------------------
// The Python tutorial's two smart speakers, taking turns.

/// Who speaks: line `i` of [`DIALOGUE`] is said by `SPEAKERS[i % 2]`.
pub const SPEAKERS: [&str; 2] = ["tianmao", "xiaoai"];
pub const TIANMAO: usize = 0;
pub const XIAOAI: usize = 1;

// ANCHOR: dialogue
/// What they say, in order.
pub const DIALOGUE: [&str; 6] = [
    "XiaoAi?",
    "Here.",
    "A proverb?",
    "Go on.",
    "Red sky at night,",
    "sailor's delight.",
];

/// The indexes of the lines `speaker` says.
pub fn lines_of(speaker: usize) -> impl Iterator<Item = usize> {
    (speaker..DIALOGUE.len()).step_by(2)
}
// ANCHOR_END: dialogue

/// A speaker that has waited this long for its turn gives up: how the lost
/// notify is kept from hanging the program.
pub const GIVE_UP_UNITS: u32 = 3;

/// The second speaker starts this long after the first (half a unit).
pub fn second_starts_after(unit: Duration) -> Duration {
    unit / 2
}

/// What was said, and who gave up waiting.
#[derive(Clone, PartialEq, Default)]
pub struct Transcript {
    pub lines: Vec<&'static str>,
    pub gave_up: Vec<&'static str>,
}

impl Transcript {
    /// The whole dialogue, in order, and nobody gave up.
    pub fn is_complete(&self) -> bool {
        self.lines == DIALOGUE && self.gave_up.is_empty()
    }
}

impl std::fmt::Debug for Transcript {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.lines.len();
        write!(f, "{n} line{}", if n == 1 { "" } else { "s" })?;
        if self.gave_up.is_empty() {
            write!(f, ", in turn")
        } else {
            let mut gave_up = self.gave_up.clone();
            gave_up.sort(); // who noticed first is a race; the set is not
            write!(f, "; gave up: {}", gave_up.join(", "))
        }
    }
}

/// Records `line` in the transcript and on the speaker's lane.
pub fn say(tl: &harness::Timeline, said: &mut Vec<&'static str>, line: usize) {
    said.push(DIALOGUE[line]);
    tl.mark(SPEAKERS[line % 2], "says", Some(DIALOGUE[line].to_string()));
}

/// Records that `speaker` stopped waiting.
pub fn give_up(tl: &harness::Timeline, speaker: usize) -> &'static str {
    tl.mark(SPEAKERS[speaker], "gives up", None);
    SPEAKERS[speaker]
}

// ---------------------------------------------------------------------
// notify(n) and notify_all: Python's asyncio.Condition example.

/// Tasks waiting for a pass...
pub const WAITERS: usize = 5;
/// ...given out like this, one step a unit: one pass, then two, then all.
pub const STEPS: [Step; 3] = [Step::Let(1), Step::Let(2), Step::All];

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step {
    /// `notify(n)`: n more may go.
    Let(usize),
    /// `notify_all`: every waiter may go.
    All,
}

/// What the waiters wait on.
#[derive(Default)]
pub struct Gate {
    pub passes: usize,
    pub open: bool,
}

impl Gate {
    /// Takes a pass if there is one (or the gate is open).
    pub fn try_pass(&mut self) -> bool {
        if self.open {
            true
        } else if self.passes > 0 {
            self.passes -= 1;
            true
        } else {
            false
        }
    }

    pub fn apply(&mut self, step: Step) {
        match step {
            Step::Let(n) => self.passes += n,
            Step::All => self.open = true,
        }
    }
}

/// How many waiters went after each step.
#[derive(Clone, PartialEq)]
pub struct Woken(pub Vec<usize>);

impl Woken {
    /// From the units at which each waiter went (1 = after the first step).
    pub fn from_units(went_at: &[f64]) -> Woken {
        let mut per_step = vec![0; STEPS.len()];
        for &at in went_at {
            let step = (at.round() as usize).clamp(1, STEPS.len());
            per_step[step - 1] += 1;
        }
        Woken(per_step)
    }
}

impl std::fmt::Debug for Woken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let steps: Vec<String> = STEPS
            .iter()
            .zip(&self.0)
            .map(|(step, n)| match step {
                Step::Let(k) => format!("notify({k}) woke {n}"),
                Step::All => format!("notify_all woke {n}"),
            })
            .collect();
        write!(f, "{}", steps.join(", "))
    }
}

/// Records that a waiter went, on a lane numbered in the order they went
/// (which task that is varies from run to run), and returns when, in units.
pub fn went(tl: &harness::Timeline, passed: &AtomicUsize, unit: Duration) -> f64 {
    let n = passed.fetch_add(1, Ordering::SeqCst) + 1;
    tl.mark(&format!("went {n}"), "goes", None);
    in_units(tl.elapsed(), unit)
}

// ---------------------------------------------------------------------
// Woken to nothing: why a wait goes in a loop.

/// Consumers waiting for an item...
pub const CONSUMERS: usize = 3;
/// ...when one item comes (after a unit, with notify_all), then the rest
/// (after two units).
pub const ITEMS: usize = 3;

/// How the consumers fared.
#[derive(Clone, Copy, PartialEq)]
pub struct Consumed {
    pub got_item: usize,
    pub got_nothing: usize,
}

impl std::fmt::Debug for Consumed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let items = if self.got_item == 1 { "item" } else { "items" };
        write!(f, "{} {items}, {} nothing", self.got_item, self.got_nothing)
    }
}

/// Both ways of waiting.
#[derive(Clone, Copy, PartialEq)]
pub struct IfAndWhile {
    pub with_if: Consumed,
    pub with_while: Consumed,
}

impl std::fmt::Debug for IfAndWhile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "if: {:?} / while: {:?}", self.with_if, self.with_while)
    }
}

/// `elapsed` in units, to one decimal.
pub fn in_units(elapsed: Duration, unit: Duration) -> f64 {
    (elapsed.as_secs_f64() / unit.as_secs_f64() * 10.0).round() / 10.0
}
