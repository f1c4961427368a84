//! The lock scenarios on tokio, with `tokio::sync::Mutex`.

use crate::scenario::*;
use harness::Timeline;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// Runs a future to completion on a new multi-threaded runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}

// ANCHOR: lost_update
/// Each task reads the counter, awaits, and writes back what it read plus
/// one. A `std::sync::Mutex` taken for each step keeps every step whole,
/// but another task's write can come between them: that update is lost.
async fn read_await_write(counter: Arc<std::sync::Mutex<u64>>) {
    for _ in 0..ROUNDS {
        let seen = *counter.lock().unwrap();
        tokio::task::yield_now().await; // a request, a file read...
        *counter.lock().unwrap() = seen + 1;
    }
}

/// The same, holding an async lock across the await: one whole update at a time.
async fn locked_across_await(counter: Arc<Mutex<u64>>) {
    for _ in 0..ROUNDS {
        let mut count = counter.lock().await;
        let seen = *count;
        tokio::task::yield_now().await;
        *count = seen + 1;
    } // each turn's guard is dropped at the end of the turn
}
// ANCHOR_END: lost_update

pub async fn lost_update(_tl: Timeline, _unit: Duration) -> Counted {
    let counter = Arc::new(std::sync::Mutex::new(0));
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| tokio::spawn(read_await_write(counter.clone())))
        .collect();
    for task in tasks {
        task.await.expect("no task panics");
    }
    let unlocked = *counter.lock().unwrap();

    let counter = Arc::new(Mutex::new(0));
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| tokio::spawn(locked_across_await(counter.clone())))
        .collect();
    for task in tasks {
        task.await.expect("no task panics");
    }
    let locked = *counter.lock().await;
    Counted { unlocked, locked }
}

// ANCHOR: no_lock_needed
/// Two tasks on one thread (a `LocalSet`), sharing a plain `Cell`: each
/// update happens between two awaits, and nothing else runs in between,
/// so no update is lost, and no lock is needed (nor allowed: `Rc` is not
/// `Send`, so this data cannot reach another thread).
pub fn no_lock_needed(_tl: Timeline, _unit: Duration) -> Interleaved {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("build a one-thread runtime");
    let local = tokio::task::LocalSet::new();
    let (n, order) = (
        Rc::new(Cell::new(0i64)),
        Rc::new(RefCell::new(String::new())),
    );
    let step = |by: i64, sign: char| {
        let (n, order) = (n.clone(), order.clone());
        async move {
            for _ in 0..STEPS {
                n.set(n.get() + by);
                order.borrow_mut().push(sign);
                tokio::task::yield_now().await; // let the other task run
            }
        }
    };
    local.block_on(&runtime, async {
        let add = tokio::task::spawn_local(step(1, '+'));
        let take = tokio::task::spawn_local(step(-1, '-'));
        add.await.unwrap();
        take.await.unwrap();
    });
    let order = order.borrow().clone();
    Interleaved {
        order,
        end: n.get(),
    }
}
// ANCHOR_END: no_lock_needed

// ANCHOR: std_guard_across_await
/// Two tasks on one thread share a `std::sync::Mutex`. The first holds the
/// guard across an `.await`; the second then calls `lock()`, which blocks
/// the thread: the first can never run again to release it.
async fn holds_std_guard(shared: Rc<std::sync::Mutex<u32>>, unit: Duration) {
    let mut guard = shared.lock().unwrap();
    tokio::time::sleep(unit).await; // the guard is still held here
    *guard += 1;
}

async fn wants_std_lock(shared: Rc<std::sync::Mutex<u32>>) {
    *shared.lock().unwrap() += 1; // blocks the runtime's only thread
}

/// The same two tasks with tokio's `Mutex`: the second waits with `.await`.
async fn holds_async_guard(shared: Rc<Mutex<u32>>, unit: Duration) {
    let mut guard = shared.lock().await;
    tokio::time::sleep(unit).await;
    *guard += 1;
}

async fn wants_async_lock(shared: Rc<Mutex<u32>>) {
    *shared.lock().await += 1;
}
// ANCHOR_END: std_guard_across_await

/// Runs two tasks on a one-thread runtime, the first one first.
fn two_local_tasks<A, B>(first: A, second: B)
where
    A: Future<Output = ()> + 'static,
    B: Future<Output = ()> + 'static,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("build a one-thread runtime");
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async {
        let first = tokio::task::spawn_local(first);
        tokio::task::yield_now().await; // the first takes the lock
        let second = tokio::task::spawn_local(second);
        first.await.unwrap();
        second.await.unwrap();
    });
}

pub fn std_guard_across_await(_tl: Timeline, unit: Duration) -> BrokenFixed {
    let broken = on_a_thread_within(give_up_after(unit), move || {
        let shared = Rc::new(std::sync::Mutex::new(0));
        two_local_tasks(
            holds_std_guard(shared.clone(), unit),
            wants_std_lock(shared),
        );
    });
    let fixed = on_a_thread_within(give_up_after(unit), move || {
        let shared = Rc::new(Mutex::new(0));
        two_local_tasks(
            holds_async_guard(shared.clone(), unit),
            wants_async_lock(shared),
        );
    });
    BrokenFixed { broken, fixed }
}

// ANCHOR: waiters
/// Python's `asyncio.Lock` held by the caller and released later: the
/// tasks that wait for it get it one at a time, in the order they asked.
pub async fn waiters(tl: Timeline, unit: Duration) -> Vec<&'static str> {
    let lock = Arc::new(Mutex::new(Vec::new()));
    let held = lock.lock().await; // the caller holds it
    let mut tasks = Vec::new();
    for name in WAITERS {
        let (lock, tl) = (lock.clone(), tl.clone());
        tasks.push(tokio::spawn(async move {
            let mut order = lock.lock().await;
            tl.mark(name, "acquired", None);
            order.push(name);
        }));
        tokio::time::sleep(unit / 10).await; // let it start waiting, in turn
    }
    tokio::time::sleep(unit * HOLD_UNITS).await;
    drop(held); // `lock.release()`
    for task in tasks {
        task.await.expect("no task panics");
    }
    let order = lock.lock().await.clone();
    order
}
// ANCHOR_END: waiters

// ANCHOR: cache
/// Python's `get_stuff`: the first caller fetches, the others use its result.
async fn get_stuff(cache: &Mutex<Option<String>>, client: &reqwest::Client, url: &str) -> String {
    let mut cached = cache.lock().await; // held across the fetch
    if let Some(page) = &*cached {
        return page.clone();
    }
    let page = client.get(url).send().await.unwrap().text().await.unwrap();
    *cached = Some(page.clone());
    page
}

/// Without the lock: each caller looks, finds nothing, and fetches.
async fn get_stuff_unlocked(
    cache: &std::sync::Mutex<Option<String>>,
    client: &reqwest::Client,
    url: &str,
) -> String {
    if let Some(page) = &*cache.lock().unwrap() {
        return page.clone();
    }
    let page = client.get(url).send().await.unwrap().text().await.unwrap();
    *cache.lock().unwrap() = Some(page.clone());
    page
}
// ANCHOR_END: cache

/// Five callers without the lock, then five with it. The slow server
/// runs on a thread of its own, started before the runtime.
pub fn cache(_tl: Timeline, unit: Duration) -> Fetches {
    let server = slow_server(unit);
    block_on(async {
        let (client, url) = (reqwest::Client::new(), server.url("/"));
        let cache = std::sync::Mutex::new(None);
        let callers = (0..CALLERS).map(|_| get_stuff_unlocked(&cache, &client, &url));
        futures::future::join_all(callers).await;
        let unlocked = server.stats.served();

        let cache = Mutex::new(None);
        let callers = (0..CALLERS).map(|_| get_stuff(&cache, &client, &url));
        futures::future::join_all(callers).await;
        Fetches {
            unlocked,
            locked: server.stats.served() - unlocked,
        }
    })
}

// ANCHOR: reentrant_task
/// tokio's `Mutex` is not re-entrant either: a task that locks it twice
/// waits for itself. In async code the wait can be given up: a timeout
/// drops it.
pub async fn reentrant_task(_tl: Timeline, unit: Duration) -> Ended {
    let total = Mutex::new(0);
    let started = Instant::now();
    let twice = async {
        let _outer = total.lock().await;
        let _inner = total.lock().await; // waits for `_outer`, forever
    };
    match tokio::time::timeout(give_up_after(unit), twice).await {
        Ok(()) => Ended::Done(started.elapsed()),
        Err(_elapsed) => Ended::Stuck,
    }
}
// ANCHOR_END: reentrant_task

// ANCHOR: deadlock
/// A(a, b) and B(b, a) as tasks, under one timeout. Unlike threads, the
/// stuck tasks can be dropped: that releases their locks.
async fn two_workers(tl: Timeline, unit: Duration, plan: [(&'static str, [usize; 2]); 2]) -> Ended {
    let locks = Arc::new([Mutex::new(()), Mutex::new(())]);
    let started = Instant::now();
    let workers = plan.map(|(name, [first, second])| {
        let (locks, tl) = (locks.clone(), tl.clone());
        async move {
            let _first = locks[first].lock().await;
            tl.mark(name, "took", Some(LOCK_NAMES[first].into()));
            tokio::time::sleep(unit * HOLD_FIRST_UNITS).await;
            tl.mark(name, "waits for", Some(LOCK_NAMES[second].into()));
            let _second = locks[second].lock().await;
            tl.mark(name, "took", Some(LOCK_NAMES[second].into()));
        }
    });
    let [a, b] = workers;
    match tokio::time::timeout(give_up_after(unit), async { tokio::join!(a, b) }).await {
        Ok(_) => Ended::Done(started.elapsed()),
        Err(_elapsed) => Ended::Stuck, // both dropped here, their locks released
    }
}

/// The deadlock, then the fix: both take a before b.
pub async fn deadlock(tl: Timeline, unit: Duration) -> BrokenFixed {
    BrokenFixed {
        broken: two_workers(tl, unit, WORKERS).await,
        fixed: two_workers(Timeline::new(), unit, ORDERED).await,
    }
}
// ANCHOR_END: deadlock
