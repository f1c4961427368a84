//! The event scenarios on smol. smol has no event: the one of
//! `listener_event`, a flag and the `event-listener` crate (the smol
//! project's own, which `smol::lock` is built on).

use crate::listener_event::Event;
use crate::scenario::*;
use harness::{TaskRecord, Timeline};
use smol::Timer;
use std::sync::Arc;
use std::time::Duration;

/// Runs a future to completion on the calling thread (smol's `block_on`);
/// the tasks it spawns run on smol's global executor.
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
}

/// smol's sleep: a timer, awaited.
async fn sleep(d: Duration) {
    Timer::after(d).await;
}

// ANCHOR: late_waiter
/// Three tasks wait; the event is set after a unit; a fourth task starts
/// waiting a unit after that.
pub async fn late_waiter(tl: Timeline, unit: Duration) -> Woken {
    let event = Arc::new(Event::new());
    let mut waiters = Vec::new();
    for i in 0..WAITERS {
        let (event, tl) = (event.clone(), tl.clone());
        waiters.push(smol::spawn(async move {
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
        w.await;
    }
    woken(&tl)
}
// ANCHOR_END: late_waiter

// ANCHOR: notify
/// `future` unless `limit` passes first (smol has no `timeout`: a race
/// against a timer).
async fn timeout<T>(limit: Duration, future: impl Future<Output = T>) -> Result<T, ()> {
    let out_of_time = async {
        Timer::after(limit).await;
        Err(())
    };
    smol::future::or(async { Ok(future.await) }, out_of_time).await
}

/// Waits for `bell` at most `limit`; the timeline says which.
async fn ring(record: TaskRecord, bell: Arc<event_listener::Event>, limit: Duration) -> bool {
    let listener = bell.listen();
    match timeout(limit, listener).await {
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

/// `event_listener::Event` alone is no event either: `notify(usize::MAX)`
/// wakes the listeners of that moment, and `notify(1)` one of them; with
/// nobody listening, a notification is lost (tokio's `notify_one` would
/// keep a permit). Every wait is cut at 2 units, so the run ends.
pub async fn notify_is_not_an_event(tl: Timeline, unit: Duration) -> NotifyOutcome {
    let (all_bell, one_bell) = (
        Arc::new(event_listener::Event::new()),
        Arc::new(event_listener::Event::new()),
    );
    let limit = unit * 2;
    let mut early = Vec::new();
    for name in ["early 1", "early 2"] {
        let (record, bell) = (tl.start(name), all_bell.clone());
        early.push(smol::spawn(ring(record, bell, limit)));
    }
    sleep(unit).await;
    tl.mark("main", "notifies", None);
    all_bell.notify(usize::MAX);
    one_bell.notify(1); // nobody listens yet: lost
    sleep(unit / 2).await;
    let late = smol::spawn(ring(tl.start("late"), all_bell.clone(), limit));
    let mut later = Vec::new();
    for name in ["later 1", "later 2", "later 3"] {
        later.push(smol::spawn(ring(tl.start(name), one_bell.clone(), limit)));
    }
    let mut outcome = NotifyOutcome {
        wake_all: 0,
        wake_one: 0,
    };
    for w in early.into_iter().chain([late]) {
        outcome.wake_all += usize::from(w.await);
    }
    for w in later {
        outcome.wake_one += usize::from(w.await);
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
        cars.push(smol::spawn(drive));
    }
    light(&tl, &green, unit).await;
    for c in cars {
        c.await;
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
        waiters.push(smol::spawn(async move {
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
        woke.push(w.await);
    }
    crowd.released(woke)
}
// ANCHOR_END: ten_thousand
