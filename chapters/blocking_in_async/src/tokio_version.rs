//! Blocking calls inside tokio tasks, and the ways out.

use crate::scenario::*;
use harness::Timeline;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::task::JoinHandle;

// ANCHOR: block_on
/// tokio's multi-threaded scheduler with [`WORKERS`] worker threads
/// (`#[tokio::main]` starts one per core).
pub fn block_on_multi_thread<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .enable_all()
        .build()
        .expect("could not start the tokio runtime")
        .block_on(future)
}

/// tokio's single-threaded scheduler: every task runs on this one thread
/// (`#[tokio::main(flavor = "current_thread")]`).
pub fn block_on_current_thread<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("could not start the tokio runtime")
        .block_on(future)
}
// ANCHOR_END: block_on

/// Waits for every task and returns their results in the order they were spawned.
async fn join_all<T>(tasks: Vec<JoinHandle<T>>) -> Vec<T> {
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("a task panicked"));
    }
    results
}

// ANCHOR: thread_sleep
/// The mistake: `std::thread::sleep` inside a task blocks the worker thread,
/// and no other task can run on that thread until it returns.
pub async fn thread_sleep(tl: Timeline, names: Vec<String>, unit: Duration) -> usize {
    let mut tasks = Vec::new();
    for name in names {
        let tl = tl.clone();
        tasks.push(tokio::spawn(async move {
            let task = tl.start(&name);
            std::thread::sleep(unit); // blocks the whole thread
            task.done(())
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
        tasks.push(tokio::spawn(async move {
            let task = tl.start(&name);
            tokio::time::sleep(unit).await; // the task waits, the thread does not
            task.done(())
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
        tasks.push(tokio::spawn(async move {
            let task = tl.start(&name);
            let page = http_get::blocking_get(addr, &path_for(&name)).expect("GET failed");
            task.done(title_of(&page.body))
        }));
    }
    join_all(tasks).await
}
// ANCHOR_END: blocking_get

// ANCHOR: offloaded_get
/// The same blocking request, moved to tokio's pool of blocking threads.
pub async fn offloaded_get(tl: Timeline, names: Vec<String>, addr: SocketAddr) -> Vec<String> {
    let mut tasks = Vec::new();
    for name in names {
        let tl = tl.clone();
        tasks.push(tokio::spawn(async move {
            let task = tl.start(&name);
            let path = path_for(&name);
            let page = tokio::task::spawn_blocking(move || http_get::blocking_get(addr, &path))
                .await
                .expect("the blocking call panicked")
                .expect("GET failed");
            task.done(title_of(&page.body))
        }));
    }
    join_all(tasks).await
}
// ANCHOR_END: offloaded_get

// ANCHOR: async_get
/// The real fix: an async client (reqwest), whose requests wait without a thread.
pub async fn async_get(tl: Timeline, names: Vec<String>, addr: SocketAddr) -> Vec<String> {
    let client = reqwest::Client::new();
    let mut tasks = Vec::new();
    for name in names {
        let (tl, client) = (tl.clone(), client.clone());
        tasks.push(tokio::spawn(async move {
            let task = tl.start(&name);
            let url = format!("http://{addr}{}", path_for(&name));
            let body = client
                .get(url)
                .send()
                .await
                .expect("GET failed")
                .text()
                .await
                .expect("no body");
            task.done(title_of(&body))
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
        tasks.push(tokio::spawn(async move {
            let task = tl.start(&name);
            cpu_work(unit);
            task.done(())
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
        tasks.push(tokio::spawn(async move {
            let task = tl.start(&name);
            tokio::task::spawn_blocking(move || cpu_work(unit))
                .await
                .expect("the work panicked");
            task.done(())
        }));
    }
    join_all(tasks).await.len()
}
// ANCHOR_END: offloaded_cpu
