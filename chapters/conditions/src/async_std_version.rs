//! The condition scenarios on async-std, with its own `Condvar` and
//! `Mutex`: the closest thing to Python's `asyncio.Condition` of the three
//! runtimes. (The `Condvar` is behind async-std's `unstable` feature.)

use crate::scenario::*;
use async_std::future::timeout;
use async_std::sync::{Condvar, Mutex};
use async_std::task::{self, sleep};
use harness::Timeline;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

/// Runs a future to completion on async-std's global runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    task::block_on(future)
}

/// The lock guards what has been said; the condition is how a speaker
/// hears that the other one has spoken.
type Room = (Mutex<Vec<&'static str>>, Condvar);

// ANCHOR: seed_dialogue
/// The tutorial's dialogue, line for line: speak, notify, wait while
/// holding the lock (`wait` lets go of it while it sleeps).
async fn tianmao(room: Arc<Room>, tl: Timeline, give_up_after: Duration) -> Option<&'static str> {
    let (said, cond) = &*room;
    let mut said = said.lock().await;
    for line in lines_of(TIANMAO) {
        say(&tl, &mut said, line);
        cond.notify_one();
        let (guard, wait) = cond.wait_timeout(said, give_up_after).await;
        said = guard;
        if wait.timed_out() {
            return Some(give_up(&tl, TIANMAO));
        }
    }
    None
}

async fn xiaoai(room: Arc<Room>, tl: Timeline, give_up_after: Duration) -> Option<&'static str> {
    let (said, cond) = &*room;
    let mut said = said.lock().await;
    for line in lines_of(XIAOAI) {
        let (guard, wait) = cond.wait_timeout(said, give_up_after).await;
        said = guard;
        if wait.timed_out() {
            return Some(give_up(&tl, XIAOAI));
        }
        say(&tl, &mut said, line);
        cond.notify_one();
    }
    None
}
// ANCHOR_END: seed_dialogue

/// TianMao starts half a unit before XiaoAi: its notify is lost.
pub async fn lost_notify(tl: Timeline, unit: Duration) -> Transcript {
    let room: Arc<Room> = Arc::new((Mutex::new(Vec::new()), Condvar::new()));
    let give_up_after = unit * GIVE_UP_UNITS;
    let first = task::spawn(tianmao(room.clone(), tl.clone(), give_up_after));
    // XiaoAi starts once TianMao has spoken (and half a unit after it):
    // the notify is lost by the order, not by chance.
    while room.0.lock().await.is_empty() {
        sleep(Duration::from_millis(1)).await;
    }
    sleep(second_starts_after(unit).saturating_sub(tl.elapsed())).await;
    let second = task::spawn(xiaoai(room.clone(), tl, give_up_after));
    let gave_up = [first.await, second.await];
    Transcript {
        lines: room.0.lock().await.clone(),
        gave_up: gave_up.into_iter().flatten().collect(),
    }
}

// ANCHOR: turns
/// The fix: wait until the record says it is this speaker's turn.
/// `wait_until` loops over the condition (and returns at once when it
/// already holds), as Python's `Condition.wait_for` does.
async fn speaker(me: usize, room: Arc<Room>, tl: Timeline) {
    let (said, cond) = &*room;
    for line in lines_of(me) {
        let said = said.lock().await;
        let mut said = cond.wait_until(said, |said| said.len() == line).await;
        say(&tl, &mut said, line);
        cond.notify_all();
    }
}
// ANCHOR_END: turns

/// The fixed dialogue, with `first` starting half a unit before the other.
pub async fn turns_in_order(tl: Timeline, unit: Duration, first: usize) -> Transcript {
    let room: Arc<Room> = Arc::new((Mutex::new(Vec::new()), Condvar::new()));
    let a = task::spawn(speaker(first, room.clone(), tl.clone()));
    sleep(second_starts_after(unit)).await;
    let b = task::spawn(speaker(1 - first, room.clone(), tl));
    let gave_up = timeout(unit * GIVE_UP_UNITS, async {
        a.await;
        b.await;
    })
    .await
    .is_err();
    Transcript {
        lines: room.0.lock().await.clone(),
        gave_up: if gave_up { vec!["someone"] } else { vec![] },
    }
}

/// TianMao first again: this time nothing is lost.
pub async fn turns(tl: Timeline, unit: Duration) -> Transcript {
    turns_in_order(tl, unit, TIANMAO).await
}

// ANCHOR: notify_n
/// A waiter: takes a pass as soon as there is one.
async fn wait_for_pass(gate: Arc<(Mutex<Gate>, Condvar)>) {
    let (state, changed) = &*gate;
    let mut state = state.lock().await;
    while !state.try_pass() {
        state = changed.wait(state).await;
    }
}

/// Python's `notify(n)` is `notify_one` n times; `notify_all` is the same.
async fn give(gate: &(Mutex<Gate>, Condvar), step: Step) {
    let (state, changed) = gate;
    state.lock().await.apply(step);
    match step {
        Step::Let(n) => (0..n).for_each(|_| changed.notify_one()),
        Step::All => changed.notify_all(),
    }
}
// ANCHOR_END: notify_n

pub async fn notify_n(tl: Timeline, unit: Duration) -> Woken {
    let gate = Arc::new((Mutex::new(Gate::default()), Condvar::new()));
    let passed = Arc::new(AtomicUsize::new(0));
    let waiters: Vec<_> = (0..WAITERS)
        .map(|_| {
            let (gate, tl, passed) = (gate.clone(), tl.clone(), passed.clone());
            task::spawn(async move {
                wait_for_pass(gate).await;
                went(&tl, &passed, unit)
            })
        })
        .collect();
    for (k, step) in STEPS.into_iter().enumerate() {
        sleep((unit * (k as u32 + 1)).saturating_sub(tl.elapsed())).await;
        give(&gate, step).await;
    }
    let mut went_at = Vec::new();
    for waiter in waiters {
        went_at.push(waiter.await);
    }
    Woken::from_units(&went_at)
}
