//! At most K at once with OS threads. std has no semaphore; a counter
//! behind a `Mutex`, and a `Condvar` to sleep on while it is zero, make one.

use crate::scenario::*;
use harness::Timeline;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

// ANCHOR: semaphore
/// Python's `threading.Semaphore`: `acquire` takes a permit, waiting while
/// there are none; dropping the permit gives it back.
pub struct Semaphore {
    permits: Mutex<usize>,
    returned: Condvar,
}

pub struct Permit<'a>(&'a Semaphore);

impl Semaphore {
    pub fn new(permits: usize) -> Self {
        Semaphore {
            permits: Mutex::new(permits),
            returned: Condvar::new(),
        }
    }

    pub fn acquire(&self) -> Permit<'_> {
        let mut permits = self.permits.lock().unwrap();
        while *permits == 0 {
            permits = self.returned.wait(permits).unwrap(); // sleeps, unlocked
        }
        *permits -= 1;
        Permit(self)
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        *self.0.permits.lock().unwrap() += 1;
        self.0.returned.notify_one(); // wake one thread waiting for a permit
    }
}
// ANCHOR_END: semaphore

// ANCHOR: at_most_k
/// Ten threads, each a blocking request of 2 units, at most 3 at once.
pub fn at_most_k(tl: &Timeline, unit: Duration) -> Limited {
    let server = slow_server(unit * JOB_UNITS);
    let (limit, started) = (Semaphore::new(K), AtomicUsize::new(0));
    thread::scope(|s| {
        for _ in 0..JOBS {
            let (limit, started, tl, addr) = (&limit, &started, tl.clone(), server.addr);
            s.spawn(move || {
                let _permit = limit.acquire();
                // Numbered in the order they got a permit: which thread gets
                // one first is up to the OS.
                let i = started.fetch_add(1, Ordering::SeqCst);
                let record = tl.start(&format!("job {i}"));
                let page = http_get::blocking_get(addr, "/").expect("the slow server answers");
                record.done(page.status);
                // `_permit` is dropped at the end of the closure: the next
                // thread may go.
            });
        }
    });
    Limited {
        served: server.stats.served(),
        peak: server.stats.peak_in_flight(),
    }
}
// ANCHOR_END: at_most_k
