//! The event scenarios on tokio. tokio has no event either: a `watch`
//! channel of a `bool` is one (its value stays, so a late waiter sees it).
//! `tokio::sync::Notify` is not one: see `notify_is_not_an_event`.

use crate::scenario::*;
use harness::{TaskRecord, Timeline};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, watch};
use tokio::time::{sleep, timeout};

/// Runs a future to completion on a new multi-threaded runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}

// ANCHOR: event
/// Python's `asyncio.Event` on tokio: the value of a `watch` channel.
/// `send_replace` stores a value even when no receiver exists yet, and
/// `wait_for` returns at once if the value already passes the test.
pub struct Event {
    flag: watch::Sender<bool>,
}

impl Event {
    pub fn new() -> Self {
        Event {
            flag: watch::Sender::new(false),
        }
    }

    pub fn set(&self) {
        self.flag.send_replace(true); // wakes every receiver waiting
    }

    pub fn clear(&self) {
        self.flag.send_replace(false);
    }

    pub fn is_set(&self) -> bool {
        *self.flag.borrow()
    }

    /// Returns at once if the event is set; otherwise waits until it is.
    pub async fn wait(&self) {
        let mut flag = self.flag.subscribe();
        // The sender lives in `self`, so the channel cannot close here.
        let _ = flag.wait_for(|set| *set).await;
    }
}
// ANCHOR_END: event

impl Default for Event {
    fn default() -> Self {
        Event::new()
    }
}

// ANCHOR: late_waiter
/// Three tasks wait; the event is set after a unit; a fourth task starts
/// waiting a unit after that.
pub async fn late_waiter(tl: Timeline, unit: Duration) -> Woken {
    let event = Arc::new(Event::new());
    let mut waiters = Vec::new();
    for i in 0..WAITERS {
        let (event, tl) = (event.clone(), tl.clone());
        waiters.push(tokio::spawn(async move {
            let record = tl.start(&waiter(i));
            event.wait().await;
            record.done(Said("woke".into()));
        }));
    }
    sleep(unit * SET_AT).await;
    tl.mark("main", "set", None);
    event.set();
    sleep(unit * (LATE_AT - SET_AT)).await;
    let record = tl.start(LATE);
    event.wait().await; // already set: returns at once
    record.done(Said("woke".into()));
    for w in waiters {
        w.await.expect("no waiter panics");
    }
    woken(&tl)
}
// ANCHOR_END: late_waiter

// ANCHOR: notify
/// Waits for `bell` at most `limit`; the timeline says which.
async fn ring(record: TaskRecord, bell: Arc<Notify>, limit: Duration) -> bool {
    match timeout(limit, bell.notified()).await {
        Ok(()) => {
            record.done(Said("woke".into()));
            true
        }
        Err(_) => {
            record.failed("timed out");
            false
        }
    }
}

/// `Notify` keeps no state an event would: `notify_waiters` wakes the
/// tasks waiting at that moment and forgets; `notify_one` wakes one task,
/// or stores a single permit for the next one. Every wait is cut at 2
/// units, so the run ends.
pub async fn notify_is_not_an_event(tl: Timeline, unit: Duration) -> NotifyOutcome {
    let (waiters_bell, one_bell) = (Arc::new(Notify::new()), Arc::new(Notify::new()));
    let limit = unit * 2;
    let mut early = Vec::new();
    for name in ["early 1", "early 2"] {
        let (record, bell) = (tl.start(name), waiters_bell.clone());
        early.push(tokio::spawn(ring(record, bell, limit)));
    }
    sleep(unit).await;
    tl.mark("main", "notifies", None);
    waiters_bell.notify_waiters();
    one_bell.notify_one(); // nobody waits yet: a permit is stored
    sleep(unit / 2).await;
    let late = tokio::spawn(ring(tl.start("late"), waiters_bell.clone(), limit));
    let mut later = Vec::new();
    for name in ["later 1", "later 2", "later 3"] {
        later.push(tokio::spawn(ring(tl.start(name), one_bell.clone(), limit)));
    }
    let mut outcome = NotifyOutcome {
        wake_all: 0,
        wake_one: 0,
    };
    for w in early.into_iter().chain([late]) {
        outcome.wake_all += usize::from(w.await.expect("no waiter panics"));
    }
    for w in later {
        outcome.wake_one += usize::from(w.await.expect("no waiter panics"));
    }
    outcome
}
// ANCHOR_END: notify

// ANCHOR: traffic_light
/// The light: green (set) for a unit, red (clear) for a unit, `CYCLES`
/// times, then green for good.
async fn light(tl: &Timeline, green: &Event, unit: Duration) {
    let record = tl.start("light"); // green from the start
    for _ in 0..CYCLES {
        sleep(unit).await;
        tl.mark("light", "red", None);
        green.clear();
        sleep(unit).await;
        tl.mark("light", "green", None);
        green.set();
    }
    record.done(Said(format!("{CYCLES} cycles")));
}

/// A car drives `legs` legs; before each, it looks at the light, and at a
/// red it stops until the light is green.
async fn car(tl: Timeline, name: &str, green: Arc<Event>, leg: Duration, legs: u32) {
    let (record, mut stops) = (tl.start(name), 0);
    for _ in 0..legs {
        if !green.is_set() {
            stops += 1;
            tl.mark(name, "stop", None);
            green.wait().await;
            tl.mark(name, "go", None);
        }
        sleep(leg).await; // one leg of the drive
    }
    record.done(Said(format!("{stops} stops")));
}

pub async fn traffic_light(tl: Timeline, unit: Duration) -> Traffic {
    let green = Arc::new(Event::new());
    green.set(); // the light starts green
    let mut cars = Vec::new();
    for (name, hundredths, legs) in CARS {
        let drive = car(tl.clone(), name, green.clone(), leg(hundredths, unit), legs);
        cars.push(tokio::spawn(drive));
    }
    light(&tl, &green, unit).await;
    for c in cars {
        c.await.expect("no car panics");
    }
    traffic(&tl)
}
// ANCHOR_END: traffic_light

// ANCHOR: ten_thousand
/// `MANY` tasks wait on one event; once all are waiting, it is set. Each
/// task notes when it woke (the counting is `Crowd`'s, in scenario.rs).
pub async fn ten_thousand(tl: Timeline, _unit: Duration) -> Released {
    let (event, crowd) = (Arc::new(Event::new()), Crowd::start(&tl));
    let mut waiters = Vec::with_capacity(MANY);
    for _ in 0..MANY {
        let (event, crowd) = (event.clone(), crowd.clone());
        waiters.push(tokio::spawn(async move {
            crowd.waiting();
            event.wait().await;
            crowd.woke()
        }));
    }
    while !crowd.all_waiting() {
        sleep(Duration::from_millis(1)).await;
    }
    crowd.setting();
    event.set();
    let mut woke = Vec::with_capacity(MANY);
    for w in waiters {
        woke.push(w.await.expect("no waiter panics"));
    }
    crowd.released(woke)
}
// ANCHOR_END: ten_thousand
