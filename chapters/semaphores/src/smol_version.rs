//! The semaphore scenarios on smol, with `smol::lock::Semaphore` (the
//! `async-lock` crate's). The requests use the book's small client over
//! smol's sockets.

use crate::scenario::*;
use harness::Timeline;
use smol::lock::Semaphore;
use smol::net::TcpStream;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Runs a future to completion on the calling thread (smol's `block_on`).
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
}

/// One GET; the answer's status.
async fn get(addr: SocketAddr, path: &str) -> std::io::Result<u16> {
    let stream = TcpStream::connect(addr).await?;
    Ok(http_get::get(stream, &addr.to_string(), path).await?.status)
}

// ANCHOR: at_most_k
/// Ten tasks, each a request of 2 units, at most 3 at once. Each permit is
/// taken before the spawn (`acquire_arc`, from an `Arc`) and moved into
/// the task, which drops it when it ends.
async fn ten_jobs_three_at_once(tl: Timeline, addr: SocketAddr) {
    let limit = Arc::new(Semaphore::new(K));
    let mut tasks = Vec::new();
    for i in 0..JOBS {
        let permit = limit.acquire_arc().await;
        let tl = tl.clone();
        tasks.push(smol::spawn(async move {
            let record = tl.start(&format!("job {i}"));
            let status = get(addr, "/").await.expect("the slow server answers");
            record.done(status);
            drop(permit); // the next job may start
        }));
    }
    for task in tasks {
        task.await;
    }
}
// ANCHOR_END: at_most_k

pub fn at_most_k(tl: Timeline, unit: Duration) -> Limited {
    let server = slow_server(unit * JOB_UNITS);
    block_on(ten_jobs_three_at_once(tl, server.addr));
    Limited {
        served: server.stats.served(),
        peak: server.stats.peak_in_flight(),
    }
}

// ANCHOR: client_limit
/// `REQUESTS` requests at once, at most `limit` in flight.
async fn fetch_all(addr: SocketAddr, limit: Option<usize>) -> usize {
    let limit = Semaphore::new(limit.unwrap_or(usize::MAX / 2));
    let requests = (0..REQUESTS).map(|_| async {
        let _permit = limit.acquire().await;
        get(addr, "/").await.is_ok_and(|status| status == 200)
    });
    let answers = futures::future::join_all(requests).await;
    answers.into_iter().filter(|&ok| ok).count()
}
// ANCHOR_END: client_limit

pub fn client_limit(_tl: Timeline, unit: Duration) -> Result<ClientLimit, String> {
    enough_open_files()?;
    let server = slow_server(unit);
    let run = |limit| {
        let started = Instant::now();
        let ok = block_on(fetch_all(server.addr, limit));
        let units = in_units(started.elapsed(), unit);
        Waves {
            ok,
            units,
            peak: server.stats.take_peak(),
        }
    };
    Ok(ClientLimit {
        unlimited: run(None),
        limited: run(Some(CLIENT_LIMIT)),
    })
}

// ANCHOR: batches_vs_window
/// Ten requests, wait for all ten, the next ten.
async fn in_batches(addr: SocketAddr, paths: &[String]) {
    for batch in paths.chunks(AT_ONCE) {
        futures::future::join_all(batch.iter().map(|path| get(addr, path))).await;
    }
}

/// Ten in flight at all times.
async fn in_a_window(addr: SocketAddr, paths: &[String]) {
    let window = Semaphore::new(AT_ONCE);
    let window = &window;
    let requests = paths.iter().map(|path| async move {
        let _permit = window.acquire().await;
        get(addr, path).await
    });
    futures::future::join_all(requests).await;
}
// ANCHOR_END: batches_vs_window

pub fn batches_vs_window(_tl: Timeline, unit: Duration) -> BatchesWindow {
    let server = slow_server(unit);
    let paths: Vec<String> = (0..PAGES).map(|i| page_path(i, unit)).collect();
    let started = Instant::now();
    block_on(in_batches(server.addr, &paths));
    let batches = in_units(started.elapsed(), unit);
    let started = Instant::now();
    block_on(in_a_window(server.addr, &paths));
    BatchesWindow {
        batches,
        window: in_units(started.elapsed(), unit),
        peak: server.stats.peak_in_flight(),
    }
}
