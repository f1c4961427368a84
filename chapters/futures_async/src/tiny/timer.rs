//! `sleep`: a future that is ready after a while. One timer thread keeps
//! the deadlines, sleeps until the earliest, and wakes its waker.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, OnceLock};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: timer
/// The deadlines waited for, earliest first, and the waker of each.
#[derive(Default)]
struct Deadlines {
    queue: BinaryHeap<Reverse<(Instant, u64)>>,
    wakers: HashMap<u64, Waker>,
}

struct Timer {
    deadlines: Mutex<Deadlines>,
    /// Told when a deadline is added, so that the thread waits again.
    added: Condvar,
    next_id: AtomicU64,
}

/// The timer, and its thread, started on first use.
fn timer() -> &'static Timer {
    static TIMER: OnceLock<Timer> = OnceLock::new();
    TIMER.get_or_init(|| {
        thread::Builder::new()
            .name("tiny-timer".into())
            .spawn(|| timer().run())
            .expect("could not start the timer thread");
        Timer {
            deadlines: Mutex::default(),
            added: Condvar::new(),
            next_id: AtomicU64::new(0),
        }
    })
}

impl Timer {
    /// The timer thread: wake whoever's deadline has passed, then sleep
    /// until the next deadline, or until a new one is added.
    fn run(&self) {
        let mut deadlines = self.deadlines.lock().unwrap();
        loop {
            let now = Instant::now();
            let mut due = Vec::new();
            while let Some(&Reverse((at, id))) = deadlines.queue.peek() {
                if at > now {
                    break;
                }
                deadlines.queue.pop();
                due.extend(deadlines.wakers.remove(&id));
            }
            if !due.is_empty() {
                // Wake with the lock let go: a wake may drop the last
                // handle to a task, and its `Sleep`s lock the timer to go.
                drop(deadlines);
                due.into_iter().for_each(Waker::wake); // wakers are Send
                deadlines = self.deadlines.lock().unwrap();
                continue; // time has passed: look again
            }
            deadlines = match deadlines.queue.peek() {
                Some(&Reverse((at, _))) => self.added.wait_timeout(deadlines, at - now).unwrap().0,
                None => self.added.wait(deadlines).unwrap(),
            };
        }
    }
}

/// A future that is ready `duration` after it was made.
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        at: Instant::now() + duration,
        id: None,
    }
}

pub struct Sleep {
    at: Instant,
    /// Set once the deadline is with the timer thread.
    id: Option<u64>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.at {
            return Poll::Ready(());
        }
        let timer = timer();
        let mut deadlines = timer.deadlines.lock().unwrap();
        // Look again under the lock: the timer thread may have passed the
        // deadline, and woken the last waker, since the look above.
        if Instant::now() >= self.at {
            return Poll::Ready(());
        }
        let id = match self.id {
            Some(id) => id,
            None => {
                let id = timer.next_id.fetch_add(1, Ordering::Relaxed);
                deadlines.queue.push(Reverse((self.at, id)));
                timer.added.notify_one();
                self.id = Some(id);
                id
            }
        };
        // Under the lock, the timer thread cannot pass the deadline between
        // the look at the clock and this line: it finds this waker.
        let replaced = deadlines.wakers.insert(id, cx.waker().clone());
        drop(deadlines);
        drop(replaced); // dropped with the lock let go, as in `run`
        Poll::Pending
    }
}

/// A sleep dropped before its deadline takes its waker back.
impl Drop for Sleep {
    fn drop(&mut self) {
        if let Some(id) = self.id {
            let waker = timer().deadlines.lock().unwrap().wakers.remove(&id);
            drop(waker); // with the lock let go
        }
    }
}
// ANCHOR_END: timer
