//! The condition scenarios on tokio. tokio has no condition variable: its
//! `Notify` wakes tasks, and the state they wait on sits in a `Mutex`
//! (here std's, as it is never held across an `.await`).

use crate::scenario::*;
use harness::Timeline;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;
use tokio::time::{sleep, timeout};

/// Runs a future to completion on a new multi-threaded runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}

/// What has been said, and the notification that someone spoke.
#[derive(Default)]
struct Room {
    said: Mutex<Vec<&'static str>>,
    spoken: Notify,
}

// ANCHOR: seed_dialogue
/// The tutorial's dialogue with a bare `Notify`: speak, notify, wait.
/// `notify_waiters` wakes the tasks waiting right now (like Python's
/// `notify_all`); with nobody waiting, it is lost, as any Python notify.
async fn tianmao(room: Arc<Room>, tl: Timeline, give_up_after: Duration) -> Option<&'static str> {
    for line in lines_of(TIANMAO) {
        say(&tl, &mut room.said.lock().unwrap(), line);
        room.spoken.notify_waiters();
        if timeout(give_up_after, room.spoken.notified())
            .await
            .is_err()
        {
            return Some(give_up(&tl, TIANMAO));
        }
    }
    None
}

async fn xiaoai(room: Arc<Room>, tl: Timeline, give_up_after: Duration) -> Option<&'static str> {
    for line in lines_of(XIAOAI) {
        if timeout(give_up_after, room.spoken.notified())
            .await
            .is_err()
        {
            return Some(give_up(&tl, XIAOAI));
        }
        say(&tl, &mut room.said.lock().unwrap(), line);
        room.spoken.notify_waiters();
    }
    None
}
// ANCHOR_END: seed_dialogue

/// TianMao starts half a unit before XiaoAi: its notify is lost.
pub async fn lost_notify(tl: Timeline, unit: Duration) -> Transcript {
    let room = Arc::new(Room::default());
    let give_up_after = unit * GIVE_UP_UNITS;
    let first = tokio::spawn(tianmao(room.clone(), tl.clone(), give_up_after));
    // XiaoAi starts once TianMao has spoken (and half a unit after it):
    // the notify is lost by the order, not by chance.
    while room.said.lock().unwrap().is_empty() {
        sleep(Duration::from_millis(1)).await;
    }
    sleep(second_starts_after(unit).saturating_sub(tl.elapsed())).await;
    let second = tokio::spawn(xiaoai(room.clone(), tl, give_up_after));
    let gave_up = [first.await.unwrap(), second.await.unwrap()];
    Transcript {
        lines: room.said.lock().unwrap().clone(),
        gave_up: gave_up.into_iter().flatten().collect(),
    }
}

// ANCHOR: turns
/// The fix: the record of what was said says whose turn it is, and a
/// speaker waits in a loop until it is its own. The `Notified` future is
/// made *before* the record is read: from then on it hears every
/// `notify_waiters`, so a line said between the read and the `.await`
/// still wakes this speaker. (`enable` also puts it in line for
/// `notify_one`, which `notify_n` below needs.)
async fn speaker(me: usize, room: Arc<Room>, tl: Timeline) {
    for line in lines_of(me) {
        loop {
            let mut spoken = std::pin::pin!(room.spoken.notified());
            spoken.as_mut().enable();
            if room.said.lock().unwrap().len() == line {
                break; // my turn
            }
            spoken.await;
        }
        say(&tl, &mut room.said.lock().unwrap(), line);
        room.spoken.notify_waiters();
    }
}
// ANCHOR_END: turns

/// The fixed dialogue, with `first` starting half a unit before the other.
pub async fn turns_in_order(tl: Timeline, unit: Duration, first: usize) -> Transcript {
    let room = Arc::new(Room::default());
    let a = tokio::spawn(speaker(first, room.clone(), tl.clone()));
    sleep(second_starts_after(unit)).await;
    let b = tokio::spawn(speaker(1 - first, room.clone(), tl));
    // A speaker that never gets its turn is reported, not waited for forever.
    let gave_up = timeout(unit * GIVE_UP_UNITS, async {
        a.await.unwrap();
        b.await.unwrap();
    })
    .await
    .is_err();
    Transcript {
        lines: room.said.lock().unwrap().clone(),
        gave_up: if gave_up { vec!["someone"] } else { vec![] },
    }
}

/// TianMao first again: this time nothing is lost.
pub async fn turns(tl: Timeline, unit: Duration) -> Transcript {
    turns_in_order(tl, unit, TIANMAO).await
}

// ANCHOR: notify_n
/// A waiter: takes a pass as soon as there is one. The loop is the same
/// as the speaker's: register, look, then wait.
async fn wait_for_pass(gate: Arc<(Mutex<Gate>, Notify)>) {
    let (state, changed) = &*gate;
    loop {
        let mut notified = std::pin::pin!(changed.notified());
        notified.as_mut().enable();
        if state.lock().unwrap().try_pass() {
            return;
        }
        notified.await;
    }
}

/// Python's `notify(n)` is `notify_one` n times; `notify_all` is
/// `notify_waiters`.
fn give(gate: &(Mutex<Gate>, Notify), step: Step) {
    let (state, changed) = gate;
    state.lock().unwrap().apply(step);
    match step {
        Step::Let(n) => (0..n).for_each(|_| changed.notify_one()),
        Step::All => changed.notify_waiters(),
    }
}
// ANCHOR_END: notify_n

pub async fn notify_n(tl: Timeline, unit: Duration) -> Woken {
    let gate = Arc::new((Mutex::new(Gate::default()), Notify::new()));
    let passed = Arc::new(AtomicUsize::new(0));
    let waiters: Vec<_> = (0..WAITERS)
        .map(|_| {
            let (gate, tl, passed) = (gate.clone(), tl.clone(), passed.clone());
            tokio::spawn(async move {
                wait_for_pass(gate).await;
                went(&tl, &passed, unit)
            })
        })
        .collect();
    for (k, step) in STEPS.into_iter().enumerate() {
        sleep((unit * (k as u32 + 1)).saturating_sub(tl.elapsed())).await;
        give(&gate, step);
    }
    let mut went_at = Vec::new();
    for waiter in waiters {
        went_at.push(waiter.await.unwrap());
    }
    Woken::from_units(&went_at)
}
