//! Blocking calls inside async-std tasks, and the ways out.
//!
//! async-std was discontinued in 2025; its maintainers recommend smol.

use crate::scenario::*;
use async_std::task::{self, JoinHandle};
use harness::Timeline;
use std::net::SocketAddr;
use std::time::Duration;

// ANCHOR: block_on
/// async-std's global executor. Its number of threads comes from the
/// `ASYNC_STD_THREAD_COUNT` environment variable (by default one per core);
/// the example sets it to [`WORKERS`].
pub fn block_on<F: Future>(future: F) -> F::Output {
    task::block_on(future)
}
// ANCHOR_END: block_on

/// Waits for every task and returns their results in the order they were spawned.
async fn join_all<T>(tasks: Vec<JoinHandle<T>>) -> Vec<T> {
    futures::future::join_all(tasks).await
}

// ANCHOR: thread_sleep
/// The mistake: `std::thread::sleep` inside a task blocks the worker thread,
/// and no other task can run on that thread until it returns.
pub async fn thread_sleep(tl: Timeline, names: Vec<String>, unit: Duration) -> usize {
    let mut tasks = Vec::new();
    for name in names {
        let tl = tl.clone();
        tasks.push(task::spawn(async move {
            let record = tl.start(&name);
            std::thread::sleep(unit); // blocks the whole thread
            record.done(())
        }));
    }
    join_all(tasks).await.len()
}
// ANCHOR_END: thread_sleep

// ANCHOR: async_sleep
/// The fix: the runtime's sleep gives the thread back while it waits.
pub async fn async_sleep(tl: Timeline, names: Vec<String>, unit: Duration) -> usize {
    let mut tasks = Vec::new();
    for name in names {
        let tl = tl.clone();
        tasks.push(task::spawn(async move {
            let record = tl.start(&name);
            task::sleep(unit).await; // the task waits, the thread does not
            record.done(())
        }));
    }
    join_all(tasks).await.len()
}
// ANCHOR_END: async_sleep

// ANCHOR: blocking_get
/// The mistake with a real client: a blocking HTTP request inside a task.
pub async fn blocking_get(tl: Timeline, names: Vec<String>, addr: SocketAddr) -> Vec<String> {
    let mut tasks = Vec::new();
    for name in names {
        let tl = tl.clone();
        tasks.push(task::spawn(async move {
            let record = tl.start(&name);
            let page = http_get::blocking_get(addr, &path_for(&name)).expect("GET failed");
            record.done(title_of(&page.body))
        }));
    }
    join_all(tasks).await
}
// ANCHOR_END: blocking_get

// ANCHOR: offloaded_get
/// The same blocking request, moved to async-std's pool of blocking threads.
pub async fn offloaded_get(tl: Timeline, names: Vec<String>, addr: SocketAddr) -> Vec<String> {
    let mut tasks = Vec::new();
    for name in names {
        let tl = tl.clone();
        tasks.push(task::spawn(async move {
            let record = tl.start(&name);
            let path = path_for(&name);
            let page = task::spawn_blocking(move || http_get::blocking_get(addr, &path))
                .await
                .expect("GET failed");
            record.done(title_of(&page.body))
        }));
    }
    join_all(tasks).await
}
// ANCHOR_END: offloaded_get

// ANCHOR: async_get
/// The real fix: an async client, whose requests wait without a thread.
pub async fn async_get(tl: Timeline, names: Vec<String>, addr: SocketAddr) -> Vec<String> {
    let mut tasks = Vec::new();
    for name in names {
        let tl = tl.clone();
        tasks.push(task::spawn(async move {
            let record = tl.start(&name);
            let stream = async_std::net::TcpStream::connect(addr)
                .await
                .expect("cannot connect");
            let page = http_get::get(stream, &addr.to_string(), &path_for(&name))
                .await
                .expect("GET failed");
            record.done(title_of(&page.body))
        }));
    }
    join_all(tasks).await
}
// ANCHOR_END: async_get

// ANCHOR: cpu_loop
/// CPU work inside a task: nothing to `.await`, so it holds its thread to the end.
pub async fn cpu_loop(tl: Timeline, names: Vec<String>, unit: Duration) -> usize {
    let mut tasks = Vec::new();
    for name in names {
        let tl = tl.clone();
        tasks.push(task::spawn(async move {
            let record = tl.start(&name);
            cpu_work(unit);
            record.done(())
        }));
    }
    join_all(tasks).await.len()
}
// ANCHOR_END: cpu_loop

// ANCHOR: offloaded_cpu
/// The same CPU work on the blocking pool: the runtime's threads stay free,
/// and the work spreads over every core.
pub async fn offloaded_cpu(tl: Timeline, names: Vec<String>, unit: Duration) -> usize {
    let mut tasks = Vec::new();
    for name in names {
        let tl = tl.clone();
        tasks.push(task::spawn(async move {
            let record = tl.start(&name);
            task::spawn_blocking(move || cpu_work(unit)).await;
            record.done(())
        }));
    }
    join_all(tasks).await.len()
}
// ANCHOR_END: offloaded_cpu
