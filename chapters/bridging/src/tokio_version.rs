//! The bridging scenarios on tokio.

use crate::scenario::*;
use harness::Timeline;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Runs a future to completion on a new multi-threaded runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}

// ANCHOR: job
/// A job that waits `units` on tokio's timer.
async fn job(tl: Timeline, task: &'static str, units: u32, unit: Duration) -> u32 {
    let record = tl.start(task);
    tokio::time::sleep(unit * units).await;
    record.done(units)
}
// ANCHOR_END: job

// ANCHOR: block_on_from_thread
/// Plain threads call async code through a `Handle` to a runtime that
/// lives elsewhere: `handle.block_on` runs the future on the calling
/// thread, with the runtime's timers and sockets. `futures::executor`'s
/// `block_on` is no tokio runtime, so tokio's timer refuses to run in it.
pub fn block_on_from_thread(tl: Timeline, unit: Duration) -> Vec<Outcome> {
    let runtime = tokio::runtime::Runtime::new().expect("start tokio");
    let mut threads = Vec::new();
    for name in PLAIN_THREADS {
        let (handle, tl) = (runtime.handle().clone(), tl.clone());
        threads.push(on_plain_thread(name, move || {
            handle.block_on(job(tl, name, THREAD_JOB_UNITS, unit))
        }));
    }
    threads.push(on_plain_thread(FUTURES_THREAD, move || {
        futures::executor::block_on(job(tl, FUTURES_THREAD, THREAD_JOB_UNITS, unit))
    }));
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}
// ANCHOR_END: block_on_from_thread

// ANCHOR: heartbeat
/// Marks a beat every half unit until it is cancelled.
async fn heartbeat(tl: Timeline, unit: Duration) {
    loop {
        tokio::time::sleep(heartbeat_period(unit)).await;
        tl.mark(HEART, "beat", None);
    }
}
// ANCHOR_END: heartbeat

// ANCHOR: block_on_inside
/// `block_on` from inside a task: tokio refuses, with a panic, to block a
/// thread that drives its tasks. (Inside async code, `.await` the future.)
pub async fn block_on_inside(tl: Timeline, unit: Duration) -> Nested {
    let heart = tokio::spawn(heartbeat(tl.clone(), unit));
    let nested = tokio::spawn({
        let tl = tl.clone();
        async move {
            let run = || {
                let handle = tokio::runtime::Handle::current();
                handle.block_on(job(tl, NESTED_TASK, NESTED_JOB_UNITS, unit))
            };
            outcome_of(run)
        }
    });
    tokio::time::sleep(unit * NESTED_JOB_UNITS).await;
    let heartbeats = beats_in_window(&tl, unit);
    heart.abort();
    let outcome = nested
        .await
        .expect("the nested task reports its panic itself");
    Nested {
        outcome,
        heartbeats,
    }
}
// ANCHOR_END: block_on_inside

// ANCHOR: sync_in_between
/// A synchronous function that needs an async result: it cannot `.await`,
/// so it takes a `Handle` and blocks on the future.
fn sync_api(handle: &tokio::runtime::Handle, tl: Timeline, unit: Duration) -> u32 {
    handle.block_on(job(tl, NESTED_TASK, NESTED_JOB_UNITS, unit))
}

/// Called from async code, it must leave the runtime's workers first: on
/// the blocking pool (any runtime), or by turning this worker into a
/// blocking thread for the call (`block_in_place`, multi-threaded only).
pub async fn sync_in_between(tl: Timeline, unit: Duration) -> (u32, u32) {
    let handle = tokio::runtime::Handle::current();
    let on_pool = tokio::task::spawn_blocking({
        let (handle, tl) = (handle.clone(), tl.clone());
        move || sync_api(&handle, tl, unit)
    });
    let on_pool = on_pool.await.expect("sync_api panicked");
    let in_place = tokio::task::block_in_place(|| sync_api(&handle, tl, unit));
    (on_pool, in_place)
}
// ANCHOR_END: sync_in_between

// ANCHOR: run_on_loop_thread
/// `asyncio.run_coroutine_threadsafe`: a runtime runs on a thread of its
/// own; this thread hands it jobs with `Handle::spawn`, each with a
/// oneshot channel for its answer, and waits with `blocking_recv`.
pub fn run_on_loop_thread(tl: Timeline, unit: Duration) -> Vec<Returned> {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("build the loop's runtime");
    let handle = runtime.handle().clone();
    let loop_thread = thread::Builder::new()
        .name(LOOP_THREAD.into())
        .spawn(move || runtime.block_on(stopped)) // run until told to stop
        .expect("start the loop thread");

    let mut answers = Vec::new();
    for (name, units) in LOOP_JOBS {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let tl = tl.clone();
        handle.spawn(async move {
            let units = job(tl, name, units, unit).await;
            let ran_on = thread_name();
            let _ = reply.send(Returned {
                job: name,
                units,
                ran_on,
            });
        });
        answers.push(answer);
    }
    let returned = answers
        .into_iter()
        .map(|answer| answer.blocking_recv().expect("the job was dropped"))
        .collect();

    let _ = stop.send(()); // what the Python script never does: stop the loop
    loop_thread.join().unwrap().expect("the loop thread");
    returned
}
// ANCHOR_END: run_on_loop_thread

// ANCHOR: call_soon_threadsafe
/// The loop sleeps until its own timer, 2 units away. Another thread
/// hands it two callbacks at once: one pushed on a list the loop reads
/// when it wakes (Python's `call_soon` from the wrong thread), one with
/// `Handle::spawn`, which wakes the loop (`call_soon_threadsafe`).
pub fn call_soon_threadsafe(tl: Timeline, unit: Duration) -> CallbackTimes {
    type Callback = Box<dyn FnOnce() + Send>;
    let list: Arc<Mutex<Vec<Callback>>> = Arc::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("build the loop's runtime");
    let handle = runtime.handle().clone();
    // The callbacks are handed over at once; "after" counts from here.
    let handed = tl.elapsed();
    let loop_thread = thread::Builder::new().name(LOOP_THREAD.into()).spawn({
        let list = list.clone();
        move || {
            runtime.block_on(async {
                tokio::time::sleep(unit * LOOP_WAKES_AT_UNITS).await;
                let callbacks: Vec<Callback> = list.lock().unwrap().drain(..).collect();
                callbacks.into_iter().for_each(|callback| callback());
            })
        }
    });

    let tl2 = tl.clone();
    list.lock()
        .unwrap()
        .push(Box::new(move || tl2.mark("list", "ran", None)));
    let tl2 = tl.clone();
    handle.spawn(async move { tl2.mark("spawned", "ran", None) });

    loop_thread.expect("start the loop thread").join().unwrap();
    CallbackTimes {
        shared_list: ran_after(&tl, "list", handed, unit),
        spawned: ran_after(&tl, "spawned", handed, unit),
    }
}
// ANCHOR_END: call_soon_threadsafe

// ANCHOR: channels
/// A sensor on a plain thread sends into a bounded channel with
/// `blocking_send`, which waits while the channel is full; a task handles
/// each reading in 1 unit and sends the result on, to a plain thread that
/// takes it with `blocking_recv`.
pub fn channels(tl: Timeline, unit: Duration) -> Piped {
    let runtime = tokio::runtime::Runtime::new().expect("start tokio");
    let (readings_tx, mut readings) = tokio::sync::mpsc::channel::<u32>(CAPACITY);
    let (results_tx, mut results) = tokio::sync::mpsc::channel::<u32>(CAPACITY);

    let sensor = thread::spawn({
        let tl = tl.clone();
        move || {
            let mut waited = Duration::ZERO;
            for reading in 1..=READINGS {
                let started = Instant::now();
                readings_tx
                    .blocking_send(reading)
                    .expect("the handler stopped");
                waited += started.elapsed();
                tl.mark("sensor", "sent", Some(reading.to_string()));
            }
            waited // dropping the sender here ends the handler's loop
        }
    });

    runtime.spawn(async move {
        while let Some(reading) = readings.recv().await {
            let step = tl.start(&format!("step {reading}"));
            tokio::time::sleep(unit).await; // handling takes a unit
            let result = step.done(handled(reading));
            if results_tx.send(result).await.is_err() {
                break;
            }
        }
    });

    let mut got = Vec::new();
    while let Some(result) = results.blocking_recv() {
        got.push(result);
    }
    Piped {
        results: got,
        sensor_waited: sensor.join().unwrap().as_secs_f64() / unit.as_secs_f64(),
    }
}
// ANCHOR_END: channels

// ANCHOR: fetch
/// `REQUESTS` requests at once with reqwest, which runs on tokio.
pub async fn fetch(client: reqwest::Client, url: String) -> Fetched {
    let requests = (0..REQUESTS).map(|_| client.get(&url).send());
    let answers = futures::future::join_all(requests).await;
    let ok = answers.iter().flatten().filter(|a| a.status() == 200);
    Fetched { ok: ok.count() }
}
// ANCHOR_END: fetch

/// reqwest on tokio needs no bridge: the three reqwest scenarios are this.
pub fn reqwest_native(_tl: Timeline, unit: Duration) -> Result<Fetched, String> {
    let server = slow_server(unit);
    Ok(block_on(fetch(reqwest::Client::new(), server.url("/"))))
}

/// `count` requests at once to the slow server, for `processes`.
pub async fn fetch_many(addr: SocketAddr, count: usize) -> usize {
    let client = reqwest::Client::new();
    let url = format!("http://{addr}/");
    let requests = (0..count).map(|_| client.get(&url).send());
    let answers = futures::future::join_all(requests).await;
    answers
        .iter()
        .flatten()
        .filter(|a| a.status() == 200)
        .count()
}
