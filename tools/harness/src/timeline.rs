//! A timeline of what the tasks of one run did, and when.
//!
//! Every runtime version records into the same kind of timeline, so the
//! three runs of a scenario can be printed and checked the same way.

use std::fmt::{Debug, Display};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
    pub fn start(&self, task: &str) -> TaskRecord {
        self.mark(task, "start", None);
        TaskRecord {
            timeline: self.clone(),
            task: task.to_string(),
            ended: false,
        }
    }
    // ANCHOR_END: start

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
    task: String,
    ended: bool,
}

impl TaskRecord {
    /// Records that the task finished with `value`, and hands the value back.
    pub fn done<T: Debug>(mut self, value: T) -> T {
        self.ended = true;
        self.timeline
            .mark(&self.task, "done", Some(format!("{value:?}")));
        value
    }

    /// Records that the task failed with `error`, and hands the error back.
    pub fn failed<E: Display>(mut self, error: E) -> E {
        self.ended = true;
        self.timeline
            .mark(&self.task, "error", Some(error.to_string()));
        error
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
        self.timeline.mark(&self.task, how, None);
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
    fn a_failed_task_is_not_cancelled() {
        let tl = Timeline::new();
        let err = tl.start("a").failed("boom");
        assert_eq!(err, "boom");
        assert_eq!(tl.tasks_with("error"), ["a"]);
        assert!(tl.tasks_with("cancelled").is_empty());
    }
}
