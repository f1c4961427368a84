//! Blocking calls inside async-std tasks, and the ways out.
//!
//! async-std was discontinued in 2025; its maintainers recommend smol.

use crate::scenario::*;
use async_lock::Semaphore;
use async_std::task::{self, JoinHandle};
use harness::Timeline;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

// ANCHOR: block_on
/// async-std's global executor. Its number of threads comes from the
/// `ASYNC_STD_THREAD_COUNT` environment variable (by default one per core);
/// the example sets it to [`WORKERS`].
pub fn block_on<F: Future>(future: F) -> F::Output {
    task::block_on(future)
}
// ANCHOR_END: block_on

/// Waits for every task and returns their results in the order they were spawned.
async fn join_all<T>(handles: Vec<JoinHandle<T>>) -> Vec<T> {
    futures::future::join_all(handles).await
}

// ANCHOR: thread_sleep
/// The mistake: `std::thread::sleep` inside a task blocks the worker thread,
/// and no other task can run on that thread until it returns.
pub async fn thread_sleep(tl: Timeline, names: Vec<String>, unit: Duration) -> usize {
    let mut handles = Vec::new();
    for name in names {
        let tl = tl.clone();
        handles.push(task::spawn(async move {
            let record = tl.start(&name);
            std::thread::sleep(unit); // blocks the whole thread
            record.done(())
        }));
    }
    join_all(handles).await.len()
}
// ANCHOR_END: thread_sleep

// ANCHOR: async_sleep
/// The fix: the runtime's sleep gives the thread back while it waits.
pub async fn async_sleep(tl: Timeline, names: Vec<String>, unit: Duration) -> usize {
    let mut handles = Vec::new();
    for name in names {
        let tl = tl.clone();
        handles.push(task::spawn(async move {
            let record = tl.start(&name);
            task::sleep(unit).await; // the task waits, the thread does not
            record.done(())
        }));
    }
    join_all(handles).await.len()
}
// ANCHOR_END: async_sleep

// ANCHOR: blocking_get
/// The mistake with a real client: a blocking HTTP request inside a task.
pub async fn blocking_get(
    tl: Timeline,
    names: Vec<String>,
    addr: SocketAddr,
) -> io::Result<Vec<String>> {
    let mut handles = Vec::new();
    for name in names {
        let tl = tl.clone();
        handles.push(task::spawn(async move {
            let record = tl.start(&name);
            match http_get::blocking_get(addr, &path_for(&name)) {
                Ok(page) => Ok(record.done(title_of(&page.body))),
                Err(e) => Err(record.failed(e)),
            }
        }));
    }
    join_all(handles).await.into_iter().collect()
}
// ANCHOR_END: blocking_get

// ANCHOR: offloaded_get
/// The same blocking request, moved to async-std's pool of blocking threads.
pub async fn offloaded_get(
    tl: Timeline,
    names: Vec<String>,
    addr: SocketAddr,
) -> io::Result<Vec<String>> {
    let mut handles = Vec::new();
    for name in names {
        let tl = tl.clone();
        handles.push(task::spawn(async move {
            let record = tl.start(&name);
            let path = path_for(&name);
            match task::spawn_blocking(move || http_get::blocking_get(addr, &path)).await {
                Ok(page) => Ok(record.done(title_of(&page.body))),
                Err(e) => Err(record.failed(e)),
            }
        }));
    }
    join_all(handles).await.into_iter().collect()
}
// ANCHOR_END: offloaded_get

// ANCHOR: offload_within
/// Runs `f` on the blocking pool once `pool` has a permit for it. The
/// closure owns the permit, so it is given back when `f` returns, even if
/// the caller stops waiting first (nothing can stop `f` half-way).
pub async fn spawn_blocking_within<F, T>(pool: Arc<Semaphore>, f: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // An owned permit: it keeps an Arc of `pool`, so it can move into the closure.
    let permit = pool.acquire_arc().await;
    task::spawn_blocking(move || {
        let _permit = permit; // held until `f` returns
        f()
    })
    .await
}
// ANCHOR_END: offload_within

// ANCHOR: bounded_pool
/// Every blocking request handed to the blocking pool, at most `threads` at
/// a time. The pool itself is shared by the whole program (its size comes
/// from `BLOCKING_MAX_THREADS`), so a semaphore sets this group's bound.
pub async fn bounded_pool(
    tl: Timeline,
    names: Vec<String>,
    addr: SocketAddr,
    threads: usize,
) -> io::Result<Vec<String>> {
    let pool = Arc::new(Semaphore::new(threads));
    let calls = names.into_iter().map(|name| {
        let tl = tl.clone();
        spawn_blocking_within(pool.clone(), move || blocking_title(&tl, &name, addr))
    });
    futures::future::join_all(calls).await.into_iter().collect()
}
// ANCHOR_END: bounded_pool

// ANCHOR: async_get
/// The real fix: an async client, whose requests wait without a thread.
pub async fn async_get(
    tl: Timeline,
    names: Vec<String>,
    addr: SocketAddr,
) -> io::Result<Vec<String>> {
    let mut handles = Vec::new();
    for name in names {
        let tl = tl.clone();
        handles.push(task::spawn(async move {
            let record = tl.start(&name);
            let page = async {
                let stream = async_std::net::TcpStream::connect(addr).await?;
                http_get::get(stream, &addr.to_string(), &path_for(&name)).await
            };
            match page.await {
                Ok(page) => Ok(record.done(title_of(&page.body))),
                Err(e) => Err(record.failed(e)),
            }
        }));
    }
    join_all(handles).await.into_iter().collect()
}
// ANCHOR_END: async_get

// ANCHOR: heartbeat
/// A task that asks to wake every [`TICK`] and notes how late it woke, until
/// `stop` is set: what a busy worker thread costs the other tasks.
async fn heartbeat(tl: Timeline, stop: Arc<AtomicBool>) -> Lateness {
    let record = tl.start("beat");
    let mut worst = Duration::ZERO;
    while !stop.load(Ordering::Relaxed) {
        let asked = Instant::now();
        task::sleep(TICK).await;
        worst = worst.max(asked.elapsed().saturating_sub(TICK));
    }
    record.done(Lateness(worst))
}

/// Runs `work` with a [`heartbeat`] task beside it; returns what `work`
/// returned and how late the heartbeat got.
pub async fn with_heartbeat<T>(tl: Timeline, work: impl Future<Output = T>) -> (T, Lateness) {
    let stop = Arc::new(AtomicBool::new(false));
    let beat = task::spawn(heartbeat(tl, stop.clone()));
    let done = work.await;
    stop.store(true, Ordering::Relaxed);
    (done, beat.await)
}
// ANCHOR_END: heartbeat

// ANCHOR: cpu_loop
/// CPU work inside a task: nothing to `.await`, so it holds its thread to the end.
pub async fn cpu_loop(tl: Timeline, names: Vec<String>, unit: Duration) -> usize {
    let mut handles = Vec::new();
    for name in names {
        let tl = tl.clone();
        handles.push(task::spawn(async move {
            let record = tl.start(&name);
            cpu_work(unit);
            record.done(())
        }));
    }
    join_all(handles).await.len()
}
// ANCHOR_END: cpu_loop

// ANCHOR: chunked_cpu
/// The same CPU work in small chunks, with a `yield_now` after each: the
/// task still holds its thread while a chunk runs, but between two chunks
/// the runtime can run the other tasks that are ready.
pub async fn chunked_cpu(tl: Timeline, names: Vec<String>, unit: Duration) -> usize {
    let mut handles = Vec::new();
    for name in names {
        let tl = tl.clone();
        handles.push(task::spawn(async move {
            let record = tl.start(&name);
            for _ in 0..chunks_in(unit) {
                cpu_work(CHUNK);
                task::yield_now().await; // back of the queue: others go first
            }
            record.done(())
        }));
    }
    join_all(handles).await.len()
}
// ANCHOR_END: chunked_cpu

// ANCHOR: offloaded_cpu
/// The same CPU work on the blocking pool: the runtime's threads stay free,
/// and the work spreads over every core.
pub async fn offloaded_cpu(tl: Timeline, names: Vec<String>, unit: Duration) -> usize {
    let mut handles = Vec::new();
    for name in names {
        let tl = tl.clone();
        handles.push(task::spawn(async move {
            let record = tl.start(&name);
            task::spawn_blocking(move || cpu_work(unit)).await;
            record.done(())
        }));
    }
    join_all(handles).await.len()
}
// ANCHOR_END: offloaded_cpu
