//! The bridging scenarios on smol. An `Executor` is a value: share it with
//! an `Arc`, run it on any thread with `block_on(ex.run(...))`, and spawn
//! onto it from any other thread.

use crate::scenario::*;
use async_compat::CompatExt;
use harness::Timeline;
use smol::{Executor, Timer};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Runs a future to completion on the calling thread (smol's `block_on`).
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
}

/// A job that waits `units` on smol's timer.
async fn job(tl: Timeline, task: &'static str, units: u32, unit: Duration) -> u32 {
    let record = tl.start(task);
    Timer::after(unit * units).await;
    record.done(units)
}

// ANCHOR: block_on_from_thread
/// Plain threads call async code with `smol::block_on`, which runs the
/// future on the calling thread. smol's timers and sockets run on a
/// reactor of their own (async-io's), so the same job also runs under
/// `futures::executor::block_on`.
pub fn block_on_from_thread(tl: Timeline, unit: Duration) -> Vec<Outcome> {
    let mut threads = Vec::new();
    for name in PLAIN_THREADS {
        let tl = tl.clone();
        threads.push(on_plain_thread(name, move || {
            smol::block_on(job(tl, name, THREAD_JOB_UNITS, unit))
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
        Timer::after(heartbeat_period(unit)).await;
        tl.mark(HEART, "beat", None);
    }
}

// ANCHOR: block_on_inside
/// `smol::block_on` from inside a task: smol allows it, and the thread
/// that runs the task is blocked until the job is done. On an executor of
/// one thread, every other task on it waits that long: the heartbeat stops.
pub async fn block_on_inside(tl: Timeline, unit: Duration) -> Nested {
    let ex = Executor::new();
    ex.run(async {
        let heart = ex.spawn(heartbeat(tl.clone(), unit));
        let nested = ex.spawn({
            let tl = tl.clone();
            async move {
                let run = || smol::block_on(job(tl, NESTED_TASK, NESTED_JOB_UNITS, unit));
                outcome_of(run)
            }
        });
        Timer::after(unit * NESTED_JOB_UNITS).await;
        let heartbeats = beats_in_window(&tl, unit);
        heart.cancel().await;
        Nested {
            outcome: nested.await,
            heartbeats,
        }
    })
    .await
}
// ANCHOR_END: block_on_inside

// ANCHOR: run_on_loop_thread
/// `asyncio.run_coroutine_threadsafe`: an executor runs on a thread of its
/// own until a stop channel closes; this thread spawns jobs onto it, and
/// each `Task` is a future this thread waits for with `block_on`.
pub fn run_on_loop_thread(tl: Timeline, unit: Duration) -> Vec<Returned> {
    let ex = Arc::new(Executor::new());
    let (stop, stopped) = smol::channel::bounded::<()>(1);
    let loop_thread = thread::Builder::new()
        .name(LOOP_THREAD.into())
        .spawn({
            let ex = ex.clone();
            move || smol::block_on(ex.run(stopped.recv())) // until `stop` is dropped
        })
        .expect("start the loop thread");

    let tasks: Vec<_> = LOOP_JOBS
        .into_iter()
        .map(|(name, units)| {
            let tl = tl.clone();
            ex.spawn(async move {
                let units = job(tl, name, units, unit).await;
                Returned {
                    job: name,
                    units,
                    ran_on: thread_name(),
                }
            })
        })
        .collect();
    let returned = tasks.into_iter().map(smol::block_on).collect();

    drop(stop); // what the Python script never does: stop the loop
    let _ = loop_thread.join().unwrap();
    returned
}
// ANCHOR_END: run_on_loop_thread

// ANCHOR: call_soon_threadsafe
/// The loop sleeps until its own timer, 2 units away. Another thread hands
/// it two callbacks at once: one pushed on a list the loop reads when it
/// wakes (Python's `call_soon` from the wrong thread), one with
/// `ex.spawn`, which wakes the executor (`call_soon_threadsafe`).
pub fn call_soon_threadsafe(tl: Timeline, unit: Duration) -> CallbackTimes {
    type Callback = Box<dyn FnOnce() + Send>;
    let list: Arc<Mutex<Vec<Callback>>> = Arc::default();
    let ex = Arc::new(Executor::new());
    // The callbacks are handed over at once; "after" counts from here.
    let handed = tl.elapsed();
    let loop_thread = thread::Builder::new().name(LOOP_THREAD.into()).spawn({
        let (ex, list) = (ex.clone(), list.clone());
        move || {
            smol::block_on(ex.run(async {
                Timer::after(unit * LOOP_WAKES_AT_UNITS).await;
                let callbacks: Vec<Callback> = list.lock().unwrap().drain(..).collect();
                callbacks.into_iter().for_each(|callback| callback());
            }))
        }
    });

    let tl2 = tl.clone();
    list.lock()
        .unwrap()
        .push(Box::new(move || tl2.mark("list", "ran", None)));
    let tl2 = tl.clone();
    ex.spawn(async move { tl2.mark("spawned", "ran", None) })
        .detach();

    loop_thread.expect("start the loop thread").join().unwrap();
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
    let (readings_tx, readings) = smol::channel::bounded::<u32>(CAPACITY);
    let (results_tx, results) = smol::channel::bounded::<u32>(CAPACITY);

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

    smol::spawn(async move {
        while let Ok(reading) = readings.recv().await {
            let step = tl.start(&format!("step {reading}"));
            Timer::after(unit).await; // handling takes a unit
            let result = step.done(handled(reading));
            if results_tx.send(result).await.is_err() {
                break;
            }
        }
    })
    .detach(); // a dropped smol task would be cancelled

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
/// reqwest needs a tokio runtime around it; smol is not one, and the first
/// request panics.
pub fn reqwest_unbridged(_tl: Timeline, unit: Duration) -> Result<Fetched, String> {
    let server = slow_server(unit);
    let fetch = crate::tokio_version::fetch(reqwest::Client::new(), server.url("/"));
    match outcome_of(|| smol::block_on(fetch).ok as u32) {
        Outcome::Done(ok, _) => Ok(Fetched { ok: ok as usize }),
        Outcome::Panicked(message) => Err(message),
    }
}
// ANCHOR_END: reqwest_unbridged

// ANCHOR: reqwest_compat
/// The bridge of `async-compat`: `.compat()` runs the future inside a tokio
/// context (a tokio runtime it starts once, on a thread of its own, for
/// reqwest's sockets and timers), while smol polls it.
pub fn reqwest_compat(_tl: Timeline, unit: Duration) -> Result<Fetched, String> {
    let server = slow_server(unit);
    let fetch = crate::tokio_version::fetch(reqwest::Client::new(), server.url("/"));
    Ok(smol::block_on(fetch.compat()))
}
// ANCHOR_END: reqwest_compat

// ANCHOR: reqwest_side_runtime
/// The other bridge: a tokio runtime of our own, beside smol. The requests
/// run there as a tokio task; its handle is a plain future, so smol awaits
/// it.
pub fn reqwest_side_runtime(_tl: Timeline, unit: Duration) -> Result<Fetched, String> {
    let server = slow_server(unit);
    let side = tokio::runtime::Runtime::new().expect("start tokio beside smol");
    let fetch = crate::tokio_version::fetch(reqwest::Client::new(), server.url("/"));
    let handle = side.spawn(fetch);
    smol::block_on(async { handle.await.map_err(|e| e.to_string()) })
}
// ANCHOR_END: reqwest_side_runtime

/// `count` requests at once to the slow server, for `processes`: the
/// book's own small client over smol's sockets, no tokio at all.
pub async fn fetch_many(addr: SocketAddr, count: usize) -> usize {
    let get = || async move {
        let stream = smol::net::TcpStream::connect(addr).await?;
        http_get::get(stream, &addr.to_string(), "/").await
    };
    let answers = futures::future::join_all((0..count).map(|_| get())).await;
    answers
        .iter()
        .flatten()
        .filter(|page| page.status == 200)
        .count()
}
