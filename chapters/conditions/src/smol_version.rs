//! The condition scenarios on smol. smol has no condition variable: the
//! state sits in a `Mutex` (std's, never held across an `.await`) and an
//! `event_listener::Event` wakes the tasks waiting on it; `event-listener`
//! is the crate smol's own locks and channels are built on.

use crate::scenario::*;
use event_listener::Event;
use harness::Timeline;
use smol::Timer;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Runs a future to completion on the calling thread (smol's `block_on`).
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
}

/// Waits for `future`, or gives up after `limit`: `None` then.
async fn within<T>(limit: Duration, future: impl Future<Output = T>) -> Option<T> {
    smol::future::or(async { Some(future.await) }, async {
        Timer::after(limit).await;
        None
    })
    .await
}

/// What has been said, and the notification that someone spoke.
#[derive(Default)]
struct Room {
    said: Mutex<Vec<&'static str>>,
    spoken: Event,
}

// ANCHOR: seed_dialogue
/// The tutorial's dialogue with a bare `Event`: speak, notify, wait. A
/// listener only hears notifications sent after `listen()`: sent before
/// anyone listens, `notify(1)` is lost.
async fn tianmao(room: Arc<Room>, tl: Timeline, give_up_after: Duration) -> Option<&'static str> {
    for line in lines_of(TIANMAO) {
        say(&tl, &mut room.said.lock().unwrap(), line);
        room.spoken.notify(1);
        if within(give_up_after, room.spoken.listen()).await.is_none() {
            return Some(give_up(&tl, TIANMAO));
        }
    }
    None
}

async fn xiaoai(room: Arc<Room>, tl: Timeline, give_up_after: Duration) -> Option<&'static str> {
    for line in lines_of(XIAOAI) {
        if within(give_up_after, room.spoken.listen()).await.is_none() {
            return Some(give_up(&tl, XIAOAI));
        }
        say(&tl, &mut room.said.lock().unwrap(), line);
        room.spoken.notify(1);
    }
    None
}
// ANCHOR_END: seed_dialogue

/// TianMao starts half a unit before XiaoAi: its notify is lost.
pub async fn lost_notify(tl: Timeline, unit: Duration) -> Transcript {
    let room = Arc::new(Room::default());
    let give_up_after = unit * GIVE_UP_UNITS;
    let first = smol::spawn(tianmao(room.clone(), tl.clone(), give_up_after));
    // XiaoAi starts once TianMao has spoken (and half a unit after it):
    // the notify is lost by the order, not by chance.
    while room.said.lock().unwrap().is_empty() {
        Timer::after(Duration::from_millis(1)).await;
    }
    Timer::after(second_starts_after(unit).saturating_sub(tl.elapsed())).await;
    let second = smol::spawn(xiaoai(room.clone(), tl, give_up_after));
    let gave_up = [first.await, second.await];
    Transcript {
        lines: room.said.lock().unwrap().clone(),
        gave_up: gave_up.into_iter().flatten().collect(),
    }
}

// ANCHOR: turns
/// The fix: the record of what was said says whose turn it is. A speaker
/// looks, starts listening, and looks again before it waits: a line said
/// between the first look and `listen()` is seen by the second look, and
/// one said after `listen()` wakes the listener.
async fn speaker(me: usize, room: Arc<Room>, tl: Timeline) {
    let my_turn = |line| room.said.lock().unwrap().len() == line;
    for line in lines_of(me) {
        while !my_turn(line) {
            let spoken = room.spoken.listen();
            if my_turn(line) {
                break;
            }
            spoken.await;
        }
        say(&tl, &mut room.said.lock().unwrap(), line);
        room.spoken.notify(usize::MAX);
    }
}
// ANCHOR_END: turns

/// The fixed dialogue, with `first` starting half a unit before the other.
pub async fn turns_in_order(tl: Timeline, unit: Duration, first: usize) -> Transcript {
    let room = Arc::new(Room::default());
    let a = smol::spawn(speaker(first, room.clone(), tl.clone()));
    Timer::after(second_starts_after(unit)).await;
    let b = smol::spawn(speaker(1 - first, room.clone(), tl));
    let done = within(unit * GIVE_UP_UNITS, async {
        a.await;
        b.await;
    })
    .await;
    Transcript {
        lines: room.said.lock().unwrap().clone(),
        gave_up: if done.is_none() {
            vec!["someone"]
        } else {
            vec![]
        },
    }
}

/// TianMao first again: this time nothing is lost.
pub async fn turns(tl: Timeline, unit: Duration) -> Transcript {
    turns_in_order(tl, unit, TIANMAO).await
}

// ANCHOR: notify_n
/// A waiter: takes a pass as soon as there is one (look, listen, look
/// again, wait).
async fn wait_for_pass(gate: Arc<(Mutex<Gate>, Event)>) {
    let (state, changed) = &*gate;
    while !state.lock().unwrap().try_pass() {
        let notified = changed.listen();
        if state.lock().unwrap().try_pass() {
            return;
        }
        notified.await;
    }
}

/// Python's `notify(n)` wakes n more waiters: event-listener's
/// `notify_additional(n)`. (Its `notify(n)` makes sure that n listeners
/// *in all* are notified, counting those notified earlier that have not
/// run yet.) `notify_all` is `notify(usize::MAX)`.
fn give(gate: &(Mutex<Gate>, Event), step: Step) {
    let (state, changed) = gate;
    state.lock().unwrap().apply(step);
    match step {
        Step::Let(n) => changed.notify_additional(n),
        Step::All => changed.notify(usize::MAX),
    };
}
// ANCHOR_END: notify_n

pub async fn notify_n(tl: Timeline, unit: Duration) -> Woken {
    let gate = Arc::new((Mutex::new(Gate::default()), Event::new()));
    let passed = Arc::new(AtomicUsize::new(0));
    let waiters: Vec<_> = (0..WAITERS)
        .map(|_| {
            let (gate, tl, passed) = (gate.clone(), tl.clone(), passed.clone());
            smol::spawn(async move {
                wait_for_pass(gate).await;
                went(&tl, &passed, unit)
            })
        })
        .collect();
    for (k, step) in STEPS.into_iter().enumerate() {
        Timer::after((unit * (k as u32 + 1)).saturating_sub(tl.elapsed())).await;
        give(&gate, step);
    }
    let mut went_at = Vec::new();
    for waiter in waiters {
        went_at.push(waiter.await);
    }
    Woken::from_units(&went_at)
}
