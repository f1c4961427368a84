//! Sharing data between threads: what Rust does not prevent (a race built
//! from two atomic operations that are each safe), its fixes, and a shared
//! list that consumers check before the producer has filled it.
//!
//! The seeds' unsynchronised counter does not get this far: Rust refuses
//! to compile it (snippets/unsynchronised_counter.rs, tests/sharing.rs).

use harness::Timeline;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Condvar, Mutex};
use std::thread;
use std::time::Duration;

// ANCHOR: load_then_store
/// `threads` threads each add 1 `each` times, as a load and then a store.
/// Each operation is atomic, the pair is not: between a thread's load and
/// its store another thread may store, and that update is lost. The
/// strongest ordering (`SeqCst`) does not change this: ordering is not
/// atomicity.
pub fn load_then_store(threads: usize, each: u64) -> i64 {
    let counter = AtomicI64::new(0);
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                for _ in 0..each {
                    let seen = counter.load(Ordering::SeqCst);
                    counter.store(seen + 1, Ordering::SeqCst);
                }
            });
        }
    });
    counter.into_inner()
}
// ANCHOR_END: load_then_store

// ANCHOR: fetch_add
/// The same with one atomic read-modify-write: no update is lost. A count
/// orders nothing else, so `Relaxed` is enough.
pub fn fetch_add(threads: usize, each: u64) -> i64 {
    let counter = AtomicI64::new(0);
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                for _ in 0..each {
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    counter.into_inner()
}
// ANCHOR_END: fetch_add

// ANCHOR: mutex
/// The same with a lock, Python's `with lock: a += 1`: the value lives
/// inside the `Mutex`, so it cannot be touched without holding the lock.
pub fn mutex(threads: usize, each: u64) -> i64 {
    let counter = Mutex::new(0_i64);
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                for _ in 0..each {
                    *counter.lock().unwrap() += 1;
                }
            });
        }
    });
    counter.into_inner().unwrap()
}
// ANCHOR_END: mutex

/// How many of the expected increments each way of counting kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kept {
    pub expected: i64,
    pub load_then_store: i64,
    pub fetch_add: i64,
    pub mutex: i64,
}

/// `load+store ~1287317 of 2000000; fetch_add, Mutex: all`. The `~` marks
/// the count that changes from run to run.
impl std::fmt::Display for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (expected, load) = (self.expected, self.load_then_store);
        write!(f, "load+store ~{load} of {expected}; ")?;
        match (self.fetch_add == expected, self.mutex == expected) {
            (true, true) => write!(f, "fetch_add, Mutex: all"),
            _ => write!(f, "fetch_add {}, Mutex {}", self.fetch_add, self.mutex),
        }
    }
}

/// A count that changes from run to run, shown as `~N` on the timeline.
struct Varies(i64);

impl std::fmt::Debug for Varies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "~{}", self.0)
    }
}

/// The three ways of counting, one after another, each a lane on the
/// timeline: `threads` threads adding 1 `each` times.
pub fn lost_updates(tl: &Timeline, threads: usize, each: u64) -> Kept {
    let count = |name: &str, way: fn(usize, u64) -> i64| {
        let record = tl.start(name);
        record.done(way(threads, each))
    };
    let record = tl.start("load");
    let load_then_store = record.done(Varies(load_then_store(threads, each))).0;
    Kept {
        expected: threads as i64 * each as i64,
        load_then_store,
        fetch_add: count("fetch", fetch_add),
        mutex: count("mutex", mutex),
    }
}

/// The seeds' shape, smaller: one producer makes URLs, twice as many as
/// the consumers that each take one.
pub const URLS: usize = 8;
pub const CONSUMERS: usize = 4;
// Every waiting consumer gets a URL only if there are enough of them.
const _: () = assert!(URLS >= CONSUMERS);

/// Joins a scoped thread; a panic in it goes on here, with its own message.
fn join<T>(handle: thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The seeds' `http://www.test.com/id/{i}/`, path only, to fit a line.
fn url(i: usize) -> String {
    format!("/id/{i}/")
}

// ANCHOR: unchecked_list
/// The seeds' shared global list: the producer takes a unit to find the
/// URLs, the consumers look once, at once, and leave if it is empty. The
/// `Mutex` makes each look safe, but nothing makes a consumer wait for the
/// producer: most find nothing. Returns how many consumers got a URL.
pub fn unchecked_list(tl: &Timeline, unit: Duration) -> usize {
    let urls = Mutex::new(Vec::new());
    thread::scope(|scope| {
        scope.spawn(|| {
            let record = tl.start("prod1");
            thread::sleep(unit);
            urls.lock().unwrap().extend((0..URLS).map(url));
            record.done(URLS)
        });
        let consumers: Vec<_> = (0..CONSUMERS)
            .map(|i| {
                let urls = &urls;
                scope.spawn(move || {
                    let record = tl.start(&format!("look{}", i + 1));
                    record.done(urls.lock().unwrap().pop())
                })
            })
            .collect();
        consumers
            .into_iter()
            .filter_map(|consumer| join(consumer))
            .count()
    })
}
// ANCHOR_END: unchecked_list

// ANCHOR: waiting_list
/// The same list with a `Condvar` beside it: a consumer that finds it
/// empty sleeps until the producer says it added something
/// (`notify_all`), then takes a URL. Every consumer gets one. Python's
/// `threading.Condition`; the queues chapter does this with channels.
pub fn waiting_list(tl: &Timeline, unit: Duration) -> usize {
    let urls = Mutex::new(Vec::new());
    let filled = Condvar::new();
    thread::scope(|scope| {
        scope.spawn(|| {
            let record = tl.start("prod2");
            thread::sleep(unit);
            urls.lock().unwrap().extend((0..URLS).map(url));
            filled.notify_all();
            record.done(URLS)
        });
        let consumers: Vec<_> = (0..CONSUMERS)
            .map(|i| {
                let (urls, filled) = (&urls, &filled);
                scope.spawn(move || {
                    let record = tl.start(&format!("wait{}", i + 1));
                    let guard = urls.lock().unwrap();
                    let mut list = filled.wait_while(guard, |l| l.is_empty()).unwrap();
                    record.done(list.pop())
                })
            })
            .collect();
        consumers
            .into_iter()
            .filter_map(|consumer| join(consumer))
            .count()
    })
}
// ANCHOR_END: waiting_list
