//! Events with OS threads. std has no event; a `bool` behind a `Mutex`,
//! and a `Condvar` to sleep on while it is false, make one: Python's
//! `threading.Event` is built the same way (a flag and a `Condition`).

use crate::scenario::*;
use harness::Timeline;
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

// ANCHOR: event
/// Python's `threading.Event`: `set` wakes every thread waiting, and the
/// event stays set, so a `wait` after it returns at once; `clear` makes
/// waiters wait again.
#[derive(Default)]
pub struct Event {
    flag: Mutex<bool>,
    changed: Condvar,
}

impl Event {
    pub fn new() -> Self {
        Event::default()
    }

    pub fn set(&self) {
        *self.flag.lock().unwrap() = true;
        self.changed.notify_all(); // every thread waiting, not one
    }

    pub fn clear(&self) {
        *self.flag.lock().unwrap() = false;
    }

    pub fn is_set(&self) -> bool {
        *self.flag.lock().unwrap()
    }

    /// Returns at once if the event is set; otherwise sleeps until it is.
    pub fn wait(&self) {
        let mut set = self.flag.lock().unwrap();
        while !*set {
            set = self.changed.wait(set).unwrap(); // sleeps, unlocked
        }
    }
}
// ANCHOR_END: event

// ANCHOR: late_waiter
/// Three threads wait; the event is set after a unit; a fourth thread
/// starts waiting a unit after that.
pub fn late_waiter(tl: &Timeline, unit: Duration) -> Woken {
    let event = Event::new();
    thread::scope(|s| {
        for i in 0..WAITERS {
            let (event, tl) = (&event, tl.clone());
            s.spawn(move || {
                let record = tl.start(&waiter(i));
                event.wait();
                record.done(Said("woke".into()));
            });
        }
        thread::sleep(unit * SET_AT);
        tl.mark("main", "set", None);
        event.set();
        thread::sleep(unit * (LATE_AT - SET_AT));
        let record = tl.start(LATE);
        event.wait(); // already set: returns at once
        record.done(Said("woke".into()));
    });
    woken(tl)
}
// ANCHOR_END: late_waiter

// ANCHOR: traffic_light
/// The light: green (set) for a unit, red (clear) for a unit, `CYCLES`
/// times, then green for good.
fn light(tl: &Timeline, green: &Event, unit: Duration) {
    let record = tl.start("light"); // green from the start
    for _ in 0..CYCLES {
        thread::sleep(unit);
        tl.mark("light", "red", None);
        green.clear();
        thread::sleep(unit);
        tl.mark("light", "green", None);
        green.set();
    }
    record.done(Said(format!("{CYCLES} cycles")));
}

/// A car drives `legs` legs; before each, it looks at the light, and at a
/// red it stops until the light is green.
fn car(tl: &Timeline, name: &str, green: &Event, leg: Duration, legs: u32) {
    let (record, mut stops) = (tl.start(name), 0);
    for _ in 0..legs {
        if !green.is_set() {
            stops += 1;
            tl.mark(name, "stop", None);
            green.wait();
            tl.mark(name, "go", None);
        }
        thread::sleep(leg); // one leg of the drive
    }
    record.done(Said(format!("{stops} stops")));
}

pub fn traffic_light(tl: &Timeline, unit: Duration) -> Traffic {
    let green = Event::new();
    green.set(); // the light starts green
    thread::scope(|s| {
        for (name, hundredths, legs) in CARS {
            let (tl, green) = (tl.clone(), &green);
            s.spawn(move || car(&tl, name, green, leg(hundredths, unit), legs));
        }
        light(tl, &green, unit);
    });
    traffic(tl)
}
// ANCHOR_END: traffic_light

// ANCHOR: ten_thousand
/// `MANY` threads, each with a small stack, wait on one event; once all
/// are waiting, it is set. Each thread notes when it woke (the counting is
/// `Crowd`'s, in scenario.rs).
pub fn ten_thousand(tl: &Timeline) -> Result<Released, String> {
    let (event, crowd) = (Event::new(), Crowd::start(tl));
    thread::scope(|s| {
        let mut waiters = Vec::with_capacity(MANY);
        for _ in 0..MANY {
            let spawned = thread::Builder::new()
                .stack_size(THREAD_STACK)
                .spawn_scoped(s, || {
                    crowd.waiting();
                    event.wait();
                    crowd.woke()
                });
            match spawned {
                Ok(waiter) => waiters.push(waiter),
                Err(e) => {
                    event.set(); // lets the threads started so far end
                    return Err(format!("thread {} of {MANY}: {e}", waiters.len() + 1));
                }
            }
        }
        while !crowd.all_waiting() {
            thread::sleep(Duration::from_millis(1));
        }
        crowd.setting();
        event.set();
        let woke = waiters.into_iter().map(|w| w.join().unwrap()).collect();
        Ok(crowd.released(woke))
    })
}
// ANCHOR_END: ten_thousand
