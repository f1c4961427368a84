//! The bridging scenarios on async-std. Its runtime is global: it starts
//! on first use, runs on threads of its own and is never stopped, so there
//! is no handle to pass around: `task::spawn` and `task::block_on` work
//! from any thread.

use crate::scenario::*;
use async_compat::CompatExt;
use async_std::task;
use harness::Timeline;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Runs a future to completion on async-std's global runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    task::block_on(future)
}

/// A job that waits `units` on async-std's timer.
async fn job(tl: Timeline, task: &'static str, units: u32, unit: Duration) -> u32 {
    let record = tl.start(task);
    task::sleep(unit * units).await;
    record.done(units)
}

// ANCHOR: block_on_from_thread
/// Plain threads call async code with `task::block_on`, which runs the
/// future on the calling thread. async-std's timers and sockets run on a
/// reactor thread of their own (async-io's), so the same job also runs
/// under `futures::executor::block_on`.
pub fn block_on_from_thread(tl: Timeline, unit: Duration) -> Vec<Outcome> {
    let mut threads = Vec::new();
    for name in PLAIN_THREADS {
        let tl = tl.clone();
        threads.push(on_plain_thread(name, move || {
            task::block_on(job(tl, name, THREAD_JOB_UNITS, unit))
        }));
    }
    threads.push(on_plain_thread(FUTURES_THREAD, move || {
        futures::executor::block_on(job(tl, FUTURES_THREAD, THREAD_JOB_UNITS, unit))
    }));
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}
// ANCHOR_END: block_on_from_thread

/// Marks a beat every half unit until it is cancelled.
async fn heartbeat(tl: Timeline, unit: Duration) {
    loop {
        task::sleep(heartbeat_period(unit)).await;
        tl.mark(HEART, "beat", None);
    }
}

// ANCHOR: block_on_inside
/// `task::block_on` from inside a task: async-std allows it, and the
/// task's worker thread is blocked until the job is done. Here that costs
/// nothing only because the runtime has other threads to run the heartbeat.
pub async fn block_on_inside(tl: Timeline, unit: Duration) -> Nested {
    let heart = task::spawn(heartbeat(tl.clone(), unit));
    let nested = task::spawn({
        let tl = tl.clone();
        async move {
            let run = || task::block_on(job(tl, NESTED_TASK, NESTED_JOB_UNITS, unit));
            outcome_of(run)
        }
    });
    task::sleep(unit * NESTED_JOB_UNITS).await;
    let heartbeats = beats_in_window(&tl, unit);
    heart.cancel().await;
    Nested {
        outcome: nested.await,
        heartbeats,
    }
}
// ANCHOR_END: block_on_inside

// ANCHOR: run_on_loop_thread
/// `asyncio.run_coroutine_threadsafe`: async-std's runtime already runs on
/// threads of its own, so `task::spawn` from this thread hands it a job,
/// and the handle is the answer: `task::block_on(handle)` waits for it.
pub fn run_on_loop_thread(tl: Timeline, unit: Duration) -> Vec<Returned> {
    let handles: Vec<_> = LOOP_JOBS
        .into_iter()
        .map(|(name, units)| {
            let tl = tl.clone();
            task::spawn(async move {
                let units = job(tl, name, units, unit).await;
                Returned {
                    job: name,
                    units,
                    ran_on: thread_name(),
                }
            })
        })
        .collect();
    handles.into_iter().map(task::block_on).collect()
    // Nothing to stop: the global runtime lives as long as the process.
}
// ANCHOR_END: run_on_loop_thread

// ANCHOR: call_soon_threadsafe
/// The loop, a task that sleeps until its timer 2 units away and then runs
/// what is on a list. Another thread pushes a callback on the list (Python's
/// `call_soon` from the wrong thread) and spawns another
/// (`call_soon_threadsafe`); a spawn wakes a worker at once.
pub fn call_soon_threadsafe(tl: Timeline, unit: Duration) -> CallbackTimes {
    type Callback = Box<dyn FnOnce() + Send>;
    let list: Arc<Mutex<Vec<Callback>>> = Arc::default();
    // The callbacks are handed over at once; "after" counts from here.
    let handed = tl.elapsed();
    let the_loop = task::spawn({
        let list = list.clone();
        async move {
            task::sleep(unit * LOOP_WAKES_AT_UNITS).await;
            let callbacks: Vec<Callback> = list.lock().unwrap().drain(..).collect();
            callbacks.into_iter().for_each(|callback| callback());
        }
    });

    let tl2 = tl.clone();
    list.lock()
        .unwrap()
        .push(Box::new(move || tl2.mark("list", "ran", None)));
    let tl2 = tl.clone();
    task::spawn(async move { tl2.mark("spawned", "ran", None) });

    task::block_on(the_loop);
    CallbackTimes {
        shared_list: ran_after(&tl, "list", handed, unit),
        spawned: ran_after(&tl, "spawned", handed, unit),
    }
}
// ANCHOR_END: call_soon_threadsafe

// ANCHOR: channels
/// A sensor on a plain thread sends into a bounded channel with
/// `send_blocking`, which waits while the channel is full; a task handles
/// each reading in 1 unit and sends the result on, to a plain thread that
/// takes it with `recv_blocking`.
pub fn channels(tl: Timeline, unit: Duration) -> Piped {
    let (readings_tx, readings) = async_std::channel::bounded::<u32>(CAPACITY);
    let (results_tx, results) = async_std::channel::bounded::<u32>(CAPACITY);

    let sensor = thread::spawn({
        let tl = tl.clone();
        move || {
            let mut waited = Duration::ZERO;
            for reading in 1..=READINGS {
                let started = Instant::now();
                readings_tx
                    .send_blocking(reading)
                    .expect("the handler stopped");
                waited += started.elapsed();
                tl.mark("sensor", "sent", Some(reading.to_string()));
            }
            waited // dropping the sender here ends the handler's loop
        }
    });

    task::spawn(async move {
        while let Ok(reading) = readings.recv().await {
            let step = tl.start(&format!("step {reading}"));
            task::sleep(unit).await; // handling takes a unit
            let result = step.done(handled(reading));
            if results_tx.send(result).await.is_err() {
                break;
            }
        }
    });

    let mut got = Vec::new();
    while let Ok(result) = results.recv_blocking() {
        got.push(result);
    }
    Piped {
        results: got,
        sensor_waited: sensor.join().unwrap().as_secs_f64() / unit.as_secs_f64(),
    }
}
// ANCHOR_END: channels

// ANCHOR: reqwest_unbridged
/// reqwest needs a tokio runtime around it; async-std is not one, and the
/// first request panics.
pub fn reqwest_unbridged(_tl: Timeline, unit: Duration) -> Result<Fetched, String> {
    let server = slow_server(unit);
    let fetch = crate::tokio_version::fetch(reqwest::Client::new(), server.url("/"));
    match outcome_of(|| task::block_on(fetch).ok as u32) {
        Outcome::Done(ok, _) => Ok(Fetched { ok: ok as usize }),
        Outcome::Panicked(message) => Err(message),
    }
}
// ANCHOR_END: reqwest_unbridged

// ANCHOR: reqwest_compat
/// The bridge of `async-compat`: `.compat()` runs the future inside a tokio
/// context (a tokio runtime it starts once, on a thread of its own, for
/// reqwest's sockets and timers), while async-std polls it.
pub fn reqwest_compat(_tl: Timeline, unit: Duration) -> Result<Fetched, String> {
    let server = slow_server(unit);
    let fetch = crate::tokio_version::fetch(reqwest::Client::new(), server.url("/"));
    Ok(task::block_on(fetch.compat()))
}
// ANCHOR_END: reqwest_compat

// ANCHOR: reqwest_side_runtime
/// The other bridge: a tokio runtime of our own, beside async-std. The
/// requests run there as a tokio task; its handle is a plain future, so
/// async-std awaits it.
pub fn reqwest_side_runtime(_tl: Timeline, unit: Duration) -> Result<Fetched, String> {
    let server = slow_server(unit);
    let side = tokio::runtime::Runtime::new().expect("start tokio beside async-std");
    let fetch = crate::tokio_version::fetch(reqwest::Client::new(), server.url("/"));
    let handle = side.spawn(fetch);
    task::block_on(async { handle.await.map_err(|e| e.to_string()) })
}
// ANCHOR_END: reqwest_side_runtime

/// `count` requests at once to the slow server, for `processes`: the
/// book's own small client over async-std's sockets, no tokio at all.
pub async fn fetch_many(addr: SocketAddr, count: usize) -> usize {
    let get = || async move {
        let stream = async_std::net::TcpStream::connect(addr).await?;
        http_get::get(stream, &addr.to_string(), "/").await
    };
    let answers = futures::future::join_all((0..count).map(|_| get())).await;
    answers
        .iter()
        .flatten()
        .filter(|page| page.status == 200)
        .count()
}
