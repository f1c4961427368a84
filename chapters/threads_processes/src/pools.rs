//! A pool of threads used the way Python's `ThreadPoolExecutor` is: submit
//! jobs, ask whether they are done, take results in order or as they
//! finish, wait for the first, cancel what has not started.
//!
//! The pool is `futures::executor::ThreadPool`: a fixed number of threads
//! taking jobs from one queue. `spawn_with_handle` submits a job and returns
//! a `RemoteHandle`, a future of the job's result: what Python calls a
//! `concurrent.futures.Future`. The jobs here block (a nap stands for a
//! blocking call), so each holds its pool thread from start to end, like a
//! `ThreadPoolExecutor` worker.

use futures::FutureExt; // now_or_never
use futures::executor::{ThreadPool, block_on};
use futures::future::{RemoteHandle, join_all, select_all};
use futures::stream::{FuturesUnordered, StreamExt};
use futures::task::SpawnExt;
use harness::Timeline;
use std::io;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// The jobs every pool scenario submits, in this order: a name and how many
/// units the job naps. On 2 threads they finish b, c, d, a.
pub const JOBS: [(&str, u32); 4] = [("a", 5), ("b", 1), ("c", 2), ("d", 1)];

// ANCHOR: pool
/// A pool of `threads` threads, named `pool-0`, `pool-1`, ...
pub fn pool(threads: usize) -> io::Result<ThreadPool> {
    ThreadPool::builder()
        .pool_size(threads)
        .name_prefix("pool-")
        .create()
}

/// Python's `executor.submit(nap, units)`: queues the job and returns at
/// once with a handle to its result (here, the job's name).
pub fn submit(pool: &ThreadPool, tl: &Timeline, name: &str, nap: Duration) -> RemoteHandle<String> {
    let (tl, name) = (tl.clone(), name.to_string());
    pool.spawn_with_handle(async move {
        let record = tl.start(&name);
        thread::sleep(nap); // a blocking call: it holds this pool thread
        record.done(());
        name
    })
    .expect("a ThreadPool never refuses work")
}

/// Submits every job of [`JOBS`], in order.
fn submit_all(pool: &ThreadPool, tl: &Timeline, unit: Duration) -> Vec<RemoteHandle<String>> {
    JOBS.iter()
        .map(|&(name, units)| submit(pool, tl, name, unit * units))
        .collect()
}
// ANCHOR_END: pool

// ANCHOR: map
/// Python's `executor.map`: results in the order the jobs were submitted,
/// whatever order they finish in. `done()` right after submitting: none.
pub fn map(tl: &Timeline, threads: usize, unit: Duration) -> io::Result<String> {
    let pool = pool(threads)?;
    let mut handles = submit_all(&pool, tl, unit);
    // Python's `future.done()`: poll each handle once, without waiting. A
    // handle that is done hands over its result then, and must not be
    // polled again (it would panic): keep the result, not the handle.
    let mut results: Vec<Option<String>> = handles
        .iter_mut()
        .map(|handle| handle.now_or_never())
        .collect();
    let done_at_once = results.iter().filter(|r| r.is_some()).count();
    // Python's `future.result()` for each, in order: `block_on` waits for one.
    for (result, handle) in results.iter_mut().zip(handles) {
        if result.is_none() {
            *result = Some(block_on(handle));
        }
    }
    let results: Vec<String> = results.into_iter().flatten().collect();
    Ok(format!(
        "done at once: {done_at_once}; in order: {}",
        results.join(" ")
    ))
}
// ANCHOR_END: map

// ANCHOR: as_completed
/// Python's `as_completed`: each result as soon as its job finishes.
pub fn as_completed(tl: &Timeline, threads: usize, unit: Duration) -> io::Result<String> {
    let pool = pool(threads)?;
    let mut finished: FuturesUnordered<_> = submit_all(&pool, tl, unit).into_iter().collect();
    let mut order = Vec::new();
    while let Some(name) = block_on(finished.next()) {
        order.push(name);
    }
    Ok(format!("as they finished: {}", order.join(" ")))
}
// ANCHOR_END: as_completed

// ANCHOR: first
/// Python's `wait(jobs, return_when=FIRST_COMPLETED)`: the first job to
/// finish, and the others still pending. Dropping those handles would
/// cancel the ones not started yet, so they are awaited too.
pub fn first_completed(tl: &Timeline, threads: usize, unit: Duration) -> io::Result<String> {
    let pool = pool(threads)?;
    let handles = submit_all(&pool, tl, unit);
    // The first result, its index among `handles`, and the other handles
    // (in another order: `select_all` swaps the finished one out).
    let (name, _index, pending) = block_on(select_all(handles));
    let pending_then = pending.len();
    block_on(join_all(pending));
    Ok(format!("first: {name}, with {pending_then} pending then"))
}
// ANCHOR_END: first

// ANCHOR: cancel
/// Python's `future.cancel()`: dropping a handle cancels its job if no
/// thread has started it yet. A job already running goes on to its end:
/// nothing can stop blocking code from outside.
pub fn cancel(tl: &Timeline, threads: usize, unit: Duration) -> io::Result<String> {
    let (pool, stopped) = pool_with_shutdown(threads)?;
    let [a, b, c, d] = JOBS.map(|(name, units)| submit(&pool, tl, name, unit * units));
    block_on(b); // a has been running since the start; c took b's thread
    drop(a); // running: it naps on to its end, and its result is thrown away
    drop(d); // queued behind a and c (with 2 threads): it never starts
    block_on(c);
    shutdown(pool, stopped);
    let started = tl.tasks_with("start");
    let ran = |name: &str| match started.iter().any(|t| t == name) {
        true => "ran",
        false => "never ran",
    };
    Ok(format!("dropped: a {}, d {}", ran("a"), ran("d")))
}

/// [`pool`], and a receiver that is closed once every thread of the pool
/// has ended: `ThreadPool` has no `join`, but each thread runs
/// `before_stop` as it ends, and the pool drops that hook after the last.
pub fn pool_with_shutdown(threads: usize) -> io::Result<(ThreadPool, mpsc::Receiver<()>)> {
    let (stopping, stopped) = mpsc::channel();
    let pool = ThreadPool::builder()
        .pool_size(threads)
        .name_prefix("pool-")
        .before_stop(move |_thread| {
            let _ = stopping.send(());
        })
        .create()?;
    Ok((pool, stopped))
}

/// Python's `executor.shutdown(wait=True)`: the pool's threads finish the
/// jobs already queued, then end; this returns when they all have.
pub fn shutdown(pool: ThreadPool, stopped: mpsc::Receiver<()>) {
    drop(pool);
    // One message per thread as it ends; then the hook is dropped with its
    // sender, and `recv` fails: every thread has ended.
    while stopped.recv().is_ok() {}
}
// ANCHOR_END: cancel
