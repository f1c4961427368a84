//! A timeline of what the tasks of one run did, and when.
//!
//! Every runtime version records into the same kind of timeline, so the
//! three runs of a scenario can be printed and checked the same way.

use std::fmt::{Debug, Display};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How many tasks a timeline records event by event. Tasks started after
/// these are only counted (see [`Crowd`]): a run of a million tasks then
/// costs the timeline no memory per task and no lock, so the figures of the
/// scale benchmark are the runtime's, not the recording's.
pub const KEPT_TASKS: usize = 100;

/// The ends a task can have, in the order a crowd summary lists them.
const ENDS: [&str; 5] = ["start", "done", "error", "cancelled", "panicked"];

/// What the tasks beyond the first [`KEPT_TASKS`] did, summed up: how many
/// had each event, and when the first and the last of them had it.
#[derive(Clone, Debug, PartialEq)]
pub struct Crowd {
    pub event: &'static str,
    pub count: u64,
    pub first: Duration,
    pub last: Duration,
}

/// One counter of a crowd: lock-free, so many threads can add to it at once.
struct Tally {
    count: AtomicU64,
    first_ns: AtomicU64,
    last_ns: AtomicU64,
}

impl Tally {
    fn new() -> Self {
        Tally {
            count: AtomicU64::new(0),
            first_ns: AtomicU64::new(u64::MAX),
            last_ns: AtomicU64::new(0),
        }
    }

    fn add(&self, at: Duration) {
        let ns = at.as_nanos() as u64;
        self.count.fetch_add(1, Ordering::Relaxed);
        self.first_ns.fetch_min(ns, Ordering::Relaxed);
        self.last_ns.fetch_max(ns, Ordering::Relaxed);
    }
}

/// One thing that happened to one task.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub task: String,
    /// `start`, `done`, `error`, `cancelled`, `panicked`, or a scenario's own word such as `timeout`.
    pub event: String,
    /// Time since the timeline was created.
    pub at: Duration,
    /// What the task returned, or the error, where there is one.
    pub value: Option<String>,
}

/// A shared, cheaply cloned log of events, timed from its creation.
#[derive(Clone)]
pub struct Timeline {
    inner: Arc<Inner>,
}

struct Inner {
    start: Instant,
    events: Mutex<Vec<Event>>,
    /// Tasks started so far, kept or not.
    tasks: AtomicUsize,
    /// One tally per word of `ENDS`, for the tasks not kept.
    crowd: [Tally; ENDS.len()],
}

impl Default for Timeline {
    fn default() -> Self {
        Self::new()
    }
}

impl Timeline {
    /// Starts the clock.
    pub fn new() -> Self {
        Timeline {
            inner: Arc::new(Inner {
                start: Instant::now(),
                events: Mutex::new(Vec::new()),
                tasks: AtomicUsize::new(0),
                crowd: std::array::from_fn(|_| Tally::new()),
            }),
        }
    }

    /// Time since the timeline was created.
    pub fn elapsed(&self) -> Duration {
        self.inner.start.elapsed()
    }

    /// Records `event` for `task` now.
    pub fn mark(&self, task: &str, event: &str, value: Option<String>) {
        let at = self.elapsed();
        self.inner.events.lock().unwrap().push(Event {
            task: task.to_string(),
            event: event.to_string(),
            at,
            value,
        });
    }

    // ANCHOR: start
    /// Records that `task` started, and returns a handle that records how it ended.
    ///
    /// If the handle is dropped before `done` or `failed` is called, the task
    /// was stopped from outside (its future was dropped): that is recorded as
    /// `cancelled`. This is how the timeline sees cancellation on every runtime.
    /// Dropped while a panic unwinds, it records `panicked` instead.
    ///
    /// Only the first [`KEPT_TASKS`] tasks are recorded event by event; the
    /// others are counted in [`Timeline::crowd`].
    pub fn start(&self, task: &str) -> TaskRecord {
        let kept = self.inner.tasks.fetch_add(1, Ordering::Relaxed) < KEPT_TASKS;
        let task = if kept {
            self.mark(task, "start", None);
            Some(Box::from(task))
        } else {
            self.tally("start");
            None
        };
        TaskRecord {
            timeline: self.clone(),
            task,
            ended: false,
        }
    }
    // ANCHOR_END: start

    /// Counts `event` for a task that is not kept.
    fn tally(&self, event: &'static str) {
        let i = ENDS.iter().position(|e| *e == event).expect("one of ENDS");
        self.inner.crowd[i].add(self.elapsed());
    }

    /// The tasks beyond the first [`KEPT_TASKS`]: one line per event that
    /// happened to any of them. Empty when no more tasks than that started.
    pub fn crowd(&self) -> Vec<Crowd> {
        ENDS.iter()
            .zip(&self.inner.crowd)
            .filter_map(|(&event, t)| {
                let count = t.count.load(Ordering::Relaxed);
                (count > 0).then(|| Crowd {
                    event,
                    count,
                    first: Duration::from_nanos(t.first_ns.load(Ordering::Relaxed)),
                    last: Duration::from_nanos(t.last_ns.load(Ordering::Relaxed)),
                })
            })
            .collect()
    }

    /// Every event so far, in the order they were recorded.
    pub fn events(&self) -> Vec<Event> {
        self.inner.events.lock().unwrap().clone()
    }

    /// The tasks that have `event`, in the order it happened to them.
    pub fn tasks_with(&self, event: &str) -> Vec<String> {
        self.events()
            .into_iter()
            .filter(|e| e.event == event)
            .map(|e| e.task)
            .collect()
    }

    /// When `task` first had `event`, if it did.
    pub fn time_of(&self, task: &str, event: &str) -> Option<Duration> {
        self.events()
            .into_iter()
            .find(|e| e.task == task && e.event == event)
            .map(|e| e.at)
    }
}

// ANCHOR: record
/// Records the end of one task; see [`Timeline::start`].
pub struct TaskRecord {
    timeline: Timeline,
    /// `None` for a task beyond the kept ones, which is only counted.
    task: Option<Box<str>>,
    ended: bool,
}

impl TaskRecord {
    /// Records that the task finished with `value`, and hands the value back.
    pub fn done<T: Debug>(mut self, value: T) -> T {
        self.end("done", || format!("{value:?}"));
        value
    }

    /// Records that the task failed with `error`, and hands the error back.
    pub fn failed<E: Display>(mut self, error: E) -> E {
        self.end("error", || error.to_string());
        error
    }

    fn end(&mut self, how: &'static str, value: impl FnOnce() -> String) {
        self.ended = true;
        match &self.task {
            Some(task) => self.timeline.mark(task, how, Some(value())),
            None => self.timeline.tally(how),
        }
    }
}

impl Drop for TaskRecord {
    fn drop(&mut self) {
        if self.ended {
            return;
        }
        // A panic unwinding through the task drops its locals too: that is
        // a bug in the task, not a cancellation, so the timeline says so.
        let how = if std::thread::panicking() {
            "panicked"
        } else {
            "cancelled"
        };
        match &self.task {
            Some(task) => self.timeline.mark(task, how, None),
            None => self.timeline.tally(how),
        }
    }
}
// ANCHOR_END: record

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dropped_record_counts_as_cancelled() {
        let tl = Timeline::new();
        let finished = tl.start("a");
        let dropped = tl.start("b");
        assert_eq!(finished.done(7), 7);
        drop(dropped);
        assert_eq!(tl.tasks_with("done"), ["a"]);
        assert_eq!(tl.tasks_with("cancelled"), ["b"]);
        assert_eq!(tl.events()[2].value.as_deref(), Some("7"));
    }

    #[test]
    fn a_record_dropped_by_a_panic_says_panicked_not_cancelled() {
        let tl = Timeline::new();
        let tl2 = tl.clone();
        let caught = std::panic::catch_unwind(move || {
            let _record = tl2.start("a");
            panic!("a bug in the job");
        });
        assert!(caught.is_err());
        assert_eq!(tl.tasks_with("panicked"), ["a"]);
        assert!(tl.tasks_with("cancelled").is_empty());
    }

    #[test]
    fn tasks_beyond_the_kept_ones_are_counted_not_recorded() {
        let tl = Timeline::new();
        let records: Vec<_> = (0..KEPT_TASKS + 3)
            .map(|i| tl.start(&format!("t{i}")))
            .collect();
        let mut records = records.into_iter();
        for r in records.by_ref().take(KEPT_TASKS + 1) {
            r.done(());
        }
        records.next().unwrap().failed("boom");
        drop(records); // the last one: cancelled
        assert_eq!(tl.tasks_with("start").len(), KEPT_TASKS);
        assert_eq!(tl.tasks_with("done").len(), KEPT_TASKS);
        let crowd = tl.crowd();
        let counts: Vec<_> = crowd.iter().map(|c| (c.event, c.count)).collect();
        assert_eq!(
            counts,
            [("start", 3), ("done", 1), ("error", 1), ("cancelled", 1)]
        );
        assert!(
            crowd
                .iter()
                .all(|c| c.first <= c.last && c.last <= tl.elapsed())
        );
    }

    #[test]
    fn a_failed_task_is_not_cancelled() {
        let tl = Timeline::new();
        let err = tl.start("a").failed("boom");
        assert_eq!(err, "boom");
        assert_eq!(tl.tasks_with("error"), ["a"]);
        assert!(tl.tasks_with("cancelled").is_empty());
    }
}
