//! Conditions with OS threads: `std::sync::Condvar`, Python's
//! `threading.Condition`. A `Condvar` is always used with a `Mutex`: the
//! mutex guards the data the threads wait on, and `wait` lets go of the
//! lock while it sleeps and takes it back before it returns.

use crate::scenario::*;
use harness::Timeline;
use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

/// The lock guards what has been said; the condition is how a speaker
/// hears that the other one has spoken.
type Room = (Mutex<Vec<&'static str>>, Condvar);

// ANCHOR: seed_dialogue
/// The dialogue as the Python tutorial writes it: TianMao speaks, notifies
/// and waits; XiaoAi waits, speaks and notifies. There is no record of
/// whose turn it is: a notify is only heard by a speaker already waiting.
fn tianmao(room: &Room, tl: &Timeline, give_up_after: Duration) -> Option<&'static str> {
    let (said, cond) = room;
    let mut said = said.lock().unwrap();
    for line in lines_of(TIANMAO) {
        say(tl, &mut said, line);
        cond.notify_one();
        let (guard, wait) = cond.wait_timeout(said, give_up_after).unwrap();
        said = guard;
        if wait.timed_out() {
            return Some(give_up(tl, TIANMAO));
        }
    }
    None
}

fn xiaoai(room: &Room, tl: &Timeline, give_up_after: Duration) -> Option<&'static str> {
    let (said, cond) = room;
    let mut said = said.lock().unwrap();
    tl.mark(SPEAKERS[XIAOAI], "listens", None);
    for line in lines_of(XIAOAI) {
        let (guard, wait) = cond.wait_timeout(said, give_up_after).unwrap();
        said = guard;
        if wait.timed_out() {
            return Some(give_up(tl, XIAOAI));
        }
        say(tl, &mut said, line);
        cond.notify_one();
    }
    None
}
// ANCHOR_END: seed_dialogue

/// The tutorial's dialogue, with `first` starting half a unit before the
/// other speaker.
pub fn seed_dialogue(tl: &Timeline, unit: Duration, first: usize) -> Transcript {
    let room: Room = (Mutex::new(Vec::new()), Condvar::new());
    let give_up_after = unit * GIVE_UP_UNITS;
    let speakers = [tianmao, xiaoai];
    let started = tl.elapsed();
    let gave_up = thread::scope(|s| {
        let room = &room;
        let a = s.spawn(move || speakers[first](room, tl, give_up_after));
        // The second starts only once the first is waiting: XiaoAi marks
        // "listens" and TianMao speaks holding the lock, which is free
        // again only inside their wait. Then half a unit after the first,
        // for the picture.
        let ready = || {
            tl.time_of(SPEAKERS[XIAOAI], "listens").is_some() || !room.0.lock().unwrap().is_empty()
        };
        while !ready() {
            thread::sleep(Duration::from_millis(1));
        }
        drop(room.0.lock().unwrap());
        thread::sleep((started + second_starts_after(unit)).saturating_sub(tl.elapsed()));
        let b = s.spawn(move || speakers[1 - first](room, tl, give_up_after));
        [a.join().unwrap(), b.join().unwrap()]
    });
    Transcript {
        lines: room.0.into_inner().unwrap(),
        gave_up: gave_up.into_iter().flatten().collect(),
    }
}

/// XiaoAi starts first: it is already waiting when TianMao speaks.
pub fn dialogue(tl: &Timeline, unit: Duration) -> Transcript {
    seed_dialogue(tl, unit, XIAOAI)
}

/// TianMao starts first: its notify finds nobody waiting, and is lost.
pub fn lost_notify(tl: &Timeline, unit: Duration) -> Transcript {
    seed_dialogue(tl, unit, TIANMAO)
}

// ANCHOR: turns
/// The fix: the lock guards a record of whose turn it is (here, how many
/// lines have been said), and each speaker waits for the record to say
/// "your turn". `wait_timeout_while` loops: it goes back to sleep while
/// the closure says "keep waiting", and returns at once if it is already
/// this speaker's turn, so no notify can be missed.
fn speaker(me: usize, room: &Room, tl: &Timeline, give_up_after: Duration) -> Option<&'static str> {
    let (said, cond) = room;
    for line in lines_of(me) {
        let said = said.lock().unwrap();
        let not_my_turn = |said: &mut Vec<&str>| said.len() != line;
        let (mut said, wait) = cond
            .wait_timeout_while(said, give_up_after, not_my_turn)
            .unwrap();
        if wait.timed_out() {
            return Some(give_up(tl, me));
        }
        say(tl, &mut said, line);
        cond.notify_all();
    }
    None
}
// ANCHOR_END: turns

/// The fixed dialogue, with `first` starting half a unit before the other.
pub fn turns_in_order(tl: &Timeline, unit: Duration, first: usize) -> Transcript {
    let room: Room = (Mutex::new(Vec::new()), Condvar::new());
    let give_up_after = unit * GIVE_UP_UNITS;
    let gave_up = thread::scope(|s| {
        let room = &room;
        let a = s.spawn(move || speaker(first, room, tl, give_up_after));
        thread::sleep(second_starts_after(unit));
        let b = s.spawn(move || speaker(1 - first, room, tl, give_up_after));
        [a.join().unwrap(), b.join().unwrap()]
    });
    Transcript {
        lines: room.0.into_inner().unwrap(),
        gave_up: gave_up.into_iter().flatten().collect(),
    }
}

/// TianMao first again: this time nothing is lost.
pub fn turns(tl: &Timeline, unit: Duration) -> Transcript {
    turns_in_order(tl, unit, TIANMAO)
}

// ANCHOR: woken_to_nothing
/// A consumer that checks for an item once, with `if`: after a wake-up it
/// takes whatever is there, which may be nothing.
fn take_checking_once(queue: &(Mutex<VecDeque<u32>>, Condvar)) -> Option<u32> {
    let (items, arrived) = queue;
    let mut items = items.lock().unwrap();
    if items.is_empty() {
        items = arrived.wait(items).unwrap();
    }
    items.pop_front()
}

/// A consumer that waits in a loop, with `while`: woken with nothing to
/// take, it goes back to sleep.
fn take(queue: &(Mutex<VecDeque<u32>>, Condvar)) -> Option<u32> {
    let (items, arrived) = queue;
    let mut items = items.lock().unwrap();
    while items.is_empty() {
        items = arrived.wait(items).unwrap();
    }
    items.pop_front()
}
// ANCHOR_END: woken_to_nothing

/// Three consumers wait; one item comes after a unit and `notify_all`
/// wakes all three; two more come after two units.
fn consumers(
    tl: &Timeline,
    unit: Duration,
    lane: &str,
    take: fn(&(Mutex<VecDeque<u32>>, Condvar)) -> Option<u32>,
) -> Consumed {
    let queue = (Mutex::new(VecDeque::new()), Condvar::new());
    let taken: Vec<Option<u32>> = thread::scope(|s| {
        let queue = &queue;
        let consumers: Vec<_> = (0..CONSUMERS)
            .map(|_| {
                s.spawn(move || {
                    let item = take(queue);
                    // Which thread wins the item is up to the OS: the
                    // timeline shows what happened, not to whom.
                    match item {
                        Some(_) => tl.mark(lane, "takes an item", None),
                        None => tl.mark(&format!("{lane} none"), "wakes to nothing", None),
                    }
                    item
                })
            })
            .collect();
        let begin = tl.elapsed();
        for (after, count) in [(1, 1), (2, ITEMS - 1)] {
            thread::sleep((begin + unit * after).saturating_sub(tl.elapsed()));
            queue
                .0
                .lock()
                .unwrap()
                .extend((0..count).map(|i| 100 * after + i as u32));
            queue.1.notify_all();
        }
        consumers.into_iter().map(|c| c.join().unwrap()).collect()
    });
    Consumed {
        got_item: taken.iter().filter(|t| t.is_some()).count(),
        got_nothing: taken.iter().filter(|t| t.is_none()).count(),
    }
}

pub fn woken_to_nothing(tl: &Timeline, unit: Duration) -> IfAndWhile {
    let with_if = consumers(tl, unit, "if", take_checking_once);
    // Then the same with consumers that wait in a loop.
    let with_while = consumers(tl, unit, "while", take);
    IfAndWhile {
        with_if,
        with_while,
    }
}
