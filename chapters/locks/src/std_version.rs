//! The lock scenarios with OS threads and `std::sync::Mutex`.

use crate::scenario::*;
use harness::Timeline;
use std::sync::{Arc, Barrier, Mutex, TryLockError};
use std::thread;
use std::time::Duration;

/// What locking a `Mutex` the thread already holds does.
#[derive(Clone, PartialEq)]
pub struct Reentered {
    /// `lock()` a second time, on a thread of its own.
    pub lock_again: Ended,
    /// `try_lock()` a second time: what it says at once.
    pub try_lock_again: String,
    /// The fix: the inner function takes the data the guard gives.
    pub passed_in: u32,
}

impl std::fmt::Debug for Reentered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "lock() again: {:?}; try_lock(): {}; passed in: {}",
            self.lock_again, self.try_lock_again, self.passed_in
        )
    }
}

// ANCHOR: reentrant
/// Python's `RLock` lets a thread take a lock it holds. std's `Mutex` has
/// no such thing: a second `lock()` on the same thread never returns (the
/// docs allow a panic too; on Linux it waits forever).
pub fn reentrant(tl: &Timeline, unit: Duration) -> Reentered {
    let total = Arc::new(Mutex::new(0u32));
    let lock_again = on_a_thread_within(give_up_after(unit), {
        let (total, tl) = (total.clone(), tl.clone());
        move || {
            let _outer = total.lock().unwrap();
            tl.mark("thread", "locked once", None);
            let _inner = total.lock().unwrap(); // waits for itself
            tl.mark("thread", "locked twice", None);
        }
    });

    let other = Mutex::new(0u32);
    let held = other.lock().unwrap();
    let try_lock_again = match other.try_lock() {
        Ok(_) => "got it".to_string(),
        Err(TryLockError::WouldBlock) => "WouldBlock".to_string(),
        Err(TryLockError::Poisoned(_)) => "poisoned".to_string(),
    };
    drop(held);

    // The fix: lock once, and give the inner function the data itself.
    fn add_one(total: &mut u32) {
        *total += 1;
    }
    fn add_two(total: &Mutex<u32>) -> u32 {
        let mut total = total.lock().unwrap();
        add_one(&mut total);
        add_one(&mut total);
        *total
    }
    Reentered {
        lock_again,
        try_lock_again,
        passed_in: add_two(&Mutex::new(0)),
    }
}
// ANCHOR_END: reentrant

// ANCHOR: deadlock
/// Two workers, each taking two locks: A takes a then b, B takes b then a.
/// Each holds its first lock for a unit, so both hold one and wait for the
/// other's: neither ever goes on.
fn two_workers(tl: &Timeline, unit: Duration, plan: [(&'static str, [usize; 2]); 2]) -> Ended {
    let locks = Arc::new([Mutex::new(()), Mutex::new(())]);
    let started = Arc::new(Barrier::new(2)); // both start together
    let tl = tl.clone();
    on_a_thread_within(give_up_after(unit), move || {
        let workers: Vec<_> = plan
            .into_iter()
            .map(|(name, [first, second])| {
                let (locks, started, tl) = (locks.clone(), started.clone(), tl.clone());
                thread::spawn(move || {
                    started.wait();
                    let _first = locks[first].lock().unwrap();
                    tl.mark(name, "took", Some(LOCK_NAMES[first].into()));
                    thread::sleep(unit * HOLD_FIRST_UNITS);
                    tl.mark(name, "waits for", Some(LOCK_NAMES[second].into()));
                    let _second = locks[second].lock().unwrap();
                    tl.mark(name, "took", Some(LOCK_NAMES[second].into()));
                })
            })
            .collect();
        workers.into_iter().for_each(|w| w.join().unwrap());
    })
}

/// The deadlock, then the fix: both workers take a before b.
pub fn deadlock(tl: &Timeline, unit: Duration) -> BrokenFixed {
    BrokenFixed {
        broken: two_workers(tl, unit, WORKERS),
        fixed: two_workers(&Timeline::new(), unit, ORDERED),
    }
}
// ANCHOR_END: deadlock
