//! The lock scenarios on async-std, with `async_std::sync::Mutex` (the
//! `async-lock` crate's, which smol uses too).

use crate::scenario::*;
use async_std::sync::Mutex;
use async_std::task;
use harness::Timeline;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Runs a future to completion on async-std's global runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    task::block_on(future)
}

// ANCHOR: lost_update
/// Read, await, write back: another task's write can come in between.
async fn read_await_write(counter: Arc<std::sync::Mutex<u64>>) {
    for _ in 0..ROUNDS {
        let seen = *counter.lock().unwrap();
        task::yield_now().await;
        *counter.lock().unwrap() = seen + 1;
    }
}

/// The same, holding an async lock across the await.
async fn locked_across_await(counter: Arc<Mutex<u64>>) {
    for _ in 0..ROUNDS {
        let mut count = counter.lock().await;
        let seen = *count;
        task::yield_now().await;
        *count = seen + 1;
    }
}
// ANCHOR_END: lost_update

pub async fn lost_update(_tl: Timeline, _unit: Duration) -> Counted {
    let counter = Arc::new(std::sync::Mutex::new(0));
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| task::spawn(read_await_write(counter.clone())))
        .collect();
    for task in tasks {
        task.await;
    }
    let unlocked = *counter.lock().unwrap();

    let counter = Arc::new(Mutex::new(0));
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| task::spawn(locked_across_await(counter.clone())))
        .collect();
    for task in tasks {
        task.await;
    }
    let locked = *counter.lock().await;
    Counted { unlocked, locked }
}

// ANCHOR: no_lock_needed
/// async-std has no stable way to spawn a task that is not `Send`
/// (`spawn_local` needs its `unstable` feature), so the two steps are two
/// futures joined in one task: the same interleaving, on one thread.
pub fn no_lock_needed(_tl: Timeline, _unit: Duration) -> Interleaved {
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
                task::yield_now().await;
            }
        }
    };
    task::block_on(async { futures::join!(step(1, '+'), step(-1, '-')) });
    let order = order.borrow().clone();
    Interleaved {
        order,
        end: n.get(),
    }
}
// ANCHOR_END: no_lock_needed

// ANCHOR: std_guard_across_await
async fn holds_std_guard(shared: Rc<std::sync::Mutex<u32>>, unit: Duration) {
    let mut guard = shared.lock().unwrap();
    task::sleep(unit).await; // the guard is still held here
    *guard += 1;
}

async fn wants_std_lock(shared: Rc<std::sync::Mutex<u32>>) {
    *shared.lock().unwrap() += 1; // blocks the thread both futures run on
}

async fn holds_async_guard(shared: Rc<Mutex<u32>>, unit: Duration) {
    let mut guard = shared.lock().await;
    task::sleep(unit).await;
    *guard += 1;
}

async fn wants_async_lock(shared: Rc<Mutex<u32>>) {
    *shared.lock().await += 1;
}
// ANCHOR_END: std_guard_across_await

pub fn std_guard_across_await(_tl: Timeline, unit: Duration) -> BrokenFixed {
    // `join!` polls the first future first: it takes the lock, then waits.
    let broken = on_a_thread_within(give_up_after(unit), move || {
        let shared = Rc::new(std::sync::Mutex::new(0));
        let (first, second) = (
            holds_std_guard(shared.clone(), unit),
            wants_std_lock(shared),
        );
        task::block_on(async { futures::join!(first, second) });
    });
    let fixed = on_a_thread_within(give_up_after(unit), move || {
        let shared = Rc::new(Mutex::new(0));
        let (first, second) = (
            holds_async_guard(shared.clone(), unit),
            wants_async_lock(shared),
        );
        task::block_on(async { futures::join!(first, second) });
    });
    BrokenFixed { broken, fixed }
}

// ANCHOR: waiters
/// The caller holds the lock; the waiting tasks get it when it lets go.
pub async fn waiters(tl: Timeline, unit: Duration) -> Vec<&'static str> {
    let lock = Arc::new(Mutex::new(Vec::new()));
    let held = lock.lock().await;
    let mut tasks = Vec::new();
    for name in WAITERS {
        let (lock, tl) = (lock.clone(), tl.clone());
        tasks.push(task::spawn(async move {
            let mut order = lock.lock().await;
            tl.mark(name, "acquired", None);
            order.push(name);
        }));
        task::sleep(unit / 10).await; // let it start waiting, in turn
    }
    task::sleep(unit * HOLD_UNITS).await;
    drop(held);
    for task in tasks {
        task.await;
    }
    let order = lock.lock().await.clone();
    order
}
// ANCHOR_END: waiters

// ANCHOR: cache
/// Python's `get_stuff`: the first caller fetches, the others use its result.
async fn get_stuff(cache: &Mutex<Option<String>>, addr: std::net::SocketAddr) -> String {
    let mut cached = cache.lock().await; // held across the fetch
    if let Some(page) = &*cached {
        return page.clone();
    }
    let page = fetch(addr).await;
    *cached = Some(page.clone());
    page
}

async fn get_stuff_unlocked(
    cache: &std::sync::Mutex<Option<String>>,
    addr: std::net::SocketAddr,
) -> String {
    if let Some(page) = &*cache.lock().unwrap() {
        return page.clone();
    }
    let page = fetch(addr).await;
    *cache.lock().unwrap() = Some(page.clone());
    page
}
// ANCHOR_END: cache

/// One GET with the book's small client over async-std's sockets.
async fn fetch(addr: std::net::SocketAddr) -> String {
    let stream = async_std::net::TcpStream::connect(addr).await.unwrap();
    http_get::get(stream, &addr.to_string(), "/")
        .await
        .unwrap()
        .body
}

/// Five callers without the lock, then five with it. The slow server
/// runs on a thread of its own, started before the runtime.
pub fn cache(_tl: Timeline, unit: Duration) -> Fetches {
    let server = slow_server(unit);
    task::block_on(async {
        let cache = std::sync::Mutex::new(None);
        futures::future::join_all((0..CALLERS).map(|_| get_stuff_unlocked(&cache, server.addr)))
            .await;
        let unlocked = server.stats.served();
        let cache = Mutex::new(None);
        futures::future::join_all((0..CALLERS).map(|_| get_stuff(&cache, server.addr))).await;
        Fetches {
            unlocked,
            locked: server.stats.served() - unlocked,
        }
    })
}

// ANCHOR: reentrant_task
/// A task that locks async-std's `Mutex` twice waits for itself; a timeout
/// gives the wait up.
pub async fn reentrant_task(_tl: Timeline, unit: Duration) -> Ended {
    let total = Mutex::new(0);
    let started = Instant::now();
    let twice = async {
        let _outer = total.lock().await;
        let _inner = total.lock().await;
    };
    match async_std::future::timeout(give_up_after(unit), twice).await {
        Ok(()) => Ended::Done(started.elapsed()),
        Err(_timed_out) => Ended::Stuck,
    }
}
// ANCHOR_END: reentrant_task

// ANCHOR: deadlock
async fn two_workers(tl: Timeline, unit: Duration, plan: [(&'static str, [usize; 2]); 2]) -> Ended {
    let locks = Arc::new([Mutex::new(()), Mutex::new(())]);
    let started = Instant::now();
    let [a, b] = plan.map(|(name, [first, second])| {
        let (locks, tl) = (locks.clone(), tl.clone());
        async move {
            let _first = locks[first].lock().await;
            tl.mark(name, "took", Some(LOCK_NAMES[first].into()));
            task::sleep(unit * HOLD_FIRST_UNITS).await;
            tl.mark(name, "waits for", Some(LOCK_NAMES[second].into()));
            let _second = locks[second].lock().await;
            tl.mark(name, "took", Some(LOCK_NAMES[second].into()));
        }
    });
    match async_std::future::timeout(give_up_after(unit), async { futures::join!(a, b) }).await {
        Ok(_) => Ended::Done(started.elapsed()),
        Err(_timed_out) => Ended::Stuck,
    }
}

pub async fn deadlock(tl: Timeline, unit: Duration) -> BrokenFixed {
    BrokenFixed {
        broken: two_workers(tl, unit, WORKERS).await,
        fixed: two_workers(Timeline::new(), unit, ORDERED).await,
    }
}
// ANCHOR_END: deadlock
