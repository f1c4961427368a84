//! The cancellation scenarios on async-std (discontinued in 2025; its
//! maintainers point to smol). async-std has no `select!` of its own:
//! `futures::select!` takes fused futures and streams.

use crate::scenario::*;
use async_std::net::TcpStream;
use futures::stream::{self, FusedStream};
use futures::{AsyncReadExt, FutureExt, StreamExt};

/// Runs a future to completion on the calling thread.
pub fn block_on<F: Future>(future: F) -> F::Output {
    async_std::task::block_on(future)
}

/// A tick every `TICK`. (async-std's own `stream::interval` is behind its
/// `unstable` feature.)
fn ticker() -> impl FusedStream<Item = ()> + Unpin {
    let tick = |()| async {
        async_std::task::sleep(TICK).await;
        Some(((), ()))
    };
    Box::pin(stream::unfold((), tick)).fuse()
}

async fn connect() -> TcpStream {
    let stream = TcpStream::connect(start_sender()).await;
    stream.expect("connect to the loopback sender")
}

// ANCHOR: lost_reads
/// Not cancel-safe: when the ticker wins, `select!` drops this turn's
/// `read_exact` with the half message it had taken from the socket.
pub async fn lost_reads() -> Received {
    let mut stream = connect().await;
    let mut ticks = ticker();
    let mut received = Received::default();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        futures::select! {
            read = stream.read_exact(&mut message).fuse() => match read {
                Ok(()) => received.note(&message),
                Err(_) => break, // the sender closed the connection
            },
            _ = ticks.next() => received.ticks += 1,
        }
    }
    received
}
// ANCHOR_END: lost_reads

// ANCHOR: kept_future
/// Fixed by keeping the read across ticks: made once per message, pinned,
/// and polled through `&mut`.
pub async fn kept_future() -> Received {
    let mut stream = connect().await;
    let mut ticks = ticker();
    let mut received = Received::default();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        let mut read = stream.read_exact(&mut message).fuse();
        let done = loop {
            futures::select! {
                read = read => break read.is_err(),
                _ = ticks.next() => received.ticks += 1,
            }
        };
        if done {
            break;
        }
        received.note(&message);
    }
    received
}
// ANCHOR_END: kept_future

// ANCHOR: cancel_safe_read
/// Fixed with a cancel-safe call: `read` takes nothing unless it completes.
pub async fn cancel_safe_read() -> Received {
    let mut stream = connect().await;
    let mut ticks = ticker();
    let mut received = Received::default();
    let (mut pending, mut chunk) = (Vec::new(), [0u8; 256]);
    loop {
        futures::select! {
            read = stream.read(&mut chunk).fuse() => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    pending.extend_from_slice(&chunk[..n]);
                    take_messages(&mut pending, &mut received);
                }
            },
            _ = ticks.next() => received.ticks += 1,
        }
    }
    received
}
// ANCHOR_END: cancel_safe_read

// ---------------------------------------------------------------------

use async_std::future::timeout as with_timeout;
use async_std::task;
use harness::Timeline;
use std::time::{Duration, Instant};

/// Waits `JOB_UNITS`, cleaning up if it is dropped before the end.
async fn job(tl: Timeline, unit: Duration) -> u32 {
    let record = tl.start("job");
    let clean_up = CleanUp::new(&tl);
    task::sleep(unit * JOB_UNITS).await; // cancelled here, if at all
    clean_up.finished();
    record.done(JOB_UNITS)
}

// ANCHOR: cancel_at_await
/// `task.cancel()`: `cancel().await` stops the task at the `.await` it is
/// waiting in, and returns `None` (its result, had it finished).
pub async fn cancel_at_await(tl: Timeline, unit: Duration) -> Option<u32> {
    let handle = task::spawn(job(tl.clone(), unit));
    task::sleep(unit * CANCEL_AT_UNITS).await;
    handle.cancel().await
}
// ANCHOR_END: cancel_at_await

// ANCHOR: timeout
/// `asyncio.wait_for(job(), 2)`: `future::timeout` drops the job's future
/// at the timeout, which cancels it.
pub async fn timeout(tl: Timeline, unit: Duration) -> Waited {
    match with_timeout(unit * TIMEOUT_UNITS, job(tl, unit)).await {
        Ok(n) => Waited::Done(n),
        Err(_timed_out) => Waited::TimedOut,
    }
}
// ANCHOR_END: timeout

// ANCHOR: timeout_on_handle
/// A timeout on a task's handle drops the handle: on async-std the task
/// runs on, detached.
pub async fn timeout_on_handle(tl: Timeline, unit: Duration) -> (Waited, &'static str) {
    let handle = task::spawn(job(tl.clone(), unit));
    let waited = match with_timeout(unit * TIMEOUT_UNITS, handle).await {
        Ok(n) => Waited::Done(n),
        Err(_timed_out) => Waited::TimedOut,
    };
    task::sleep(unit * (JOB_UNITS + 1 - TIMEOUT_UNITS)).await;
    (waited, fate(&tl, "job"))
}
// ANCHOR_END: timeout_on_handle

// ANCHOR: shield
/// `asyncio.shield`: a timeout on `&mut handle` keeps the handle, and the
/// result can still be had later.
pub async fn shield(tl: Timeline, unit: Duration) -> (Waited, u32) {
    let mut handle = task::spawn(job(tl, unit));
    match with_timeout(unit * TIMEOUT_UNITS, &mut handle).await {
        // Done in time: the handle has given its result and must not be
        // awaited again (a finished handle panics if polled once more).
        Ok(n) => (Waited::Done(n), n),
        Err(_timed_out) => (Waited::TimedOut, handle.await),
    }
}
// ANCHOR_END: shield

/// One step of one unit, recorded as `step N`.
async fn step(tl: &Timeline, n: u32, unit: Duration) {
    let record = tl.start(&format!("step {n}"));
    task::sleep(unit).await;
    record.done(());
}

// ANCHOR: deadline_vs_step
/// A timeout per step, then one deadline for all three steps. async-std
/// has no timeout-at: each step gets what is left until the deadline.
pub async fn deadline_vs_step(tl: Timeline, unit: Duration) -> (Steps, Steps) {
    let mut per_step = Ok(STEPS);
    for n in 1..=STEPS {
        if with_timeout(step_timeout(unit), step(&tl, n, unit))
            .await
            .is_err()
        {
            per_step = Err(n);
            break;
        }
    }
    let deadline = Instant::now() + deadline(unit);
    let mut by_deadline = Ok(STEPS);
    for n in STEPS + 1..=2 * STEPS {
        let left = deadline.saturating_duration_since(Instant::now());
        if with_timeout(left, step(&tl, n, unit)).await.is_err() {
            by_deadline = Err(n - STEPS);
            break;
        }
    }
    (per_step, by_deadline)
}
// ANCHOR_END: deadline_vs_step

// ANCHOR: token
/// Cooperative cancellation with a channel as the token: closing it is
/// the signal, and the worker flushes with an `.await` before it ends.
pub async fn token(tl: Timeline, unit: Duration) -> Stopped {
    let (stop, stopped) = async_std::channel::bounded::<()>(1);
    let worker = task::spawn(async move {
        let mut steps = 0;
        loop {
            let told = stopped.recv().fuse();
            let next = step(&tl, steps + 1, unit).fuse();
            futures::pin_mut!(told, next);
            futures::select! {
                _ = told => break,
                _ = next => steps += 1,
            }
        }
        let flush = tl.start("flush");
        task::sleep(unit * FLUSH_UNITS).await; // async clean-up
        flush.done(());
        Stopped {
            steps,
            flushed: true,
        }
    });
    task::sleep(unit * STOP_AT_UNITS + unit / 2).await;
    stop.close();
    worker.await
}
// ANCHOR_END: token

/// A job of the group: waits, then returns its units or fails.
async fn group_job(
    tl: Timeline,
    (name, units, fails): (&'static str, u32, bool),
    unit: Duration,
) -> Result<u32, String> {
    let record = tl.start(name);
    task::sleep(unit * units).await;
    if fails {
        Err(record.failed(failure(name)))
    } else {
        Ok(record.done(units))
    }
}

// ANCHOR: task_group
/// Python 3.11's `TaskGroup`, from handles: `select_all` waits for the
/// first to finish and hands back the others; at the first error each of
/// those is cancelled and awaited, so no task outlives the group.
pub async fn task_group(tl: Timeline, unit: Duration) -> Result<Vec<u32>, String> {
    let mut running: Vec<_> = GROUP
        .iter()
        .map(|&job| task::spawn(group_job(tl.clone(), job, unit)))
        .collect();
    let mut done = Vec::new();
    while !running.is_empty() {
        let (first, _, rest) = futures::future::select_all(running).await;
        running = rest;
        match first {
            Ok(value) => done.push(value),
            Err(error) => {
                for handle in running {
                    handle.cancel().await;
                }
                tl.mark("group", "returned", None);
                return Err(error);
            }
        }
    }
    Ok(done)
}
// ANCHOR_END: task_group

// ---------------------------------------------------------------------

use crate::shutdown::{INTERRUPTED, Plan, Report, Results, path};
use async_signal::{Signal, Signals};
use futures::future::{Either, select};
use futures::stream::FuturesUnordered;
use std::net::SocketAddr;
use std::sync::Arc;

/// Fetches request `id` and appends its title to the results: `true` if
/// it came back.
async fn fetch_and_save(addr: SocketAddr, id: u32, results: Arc<Results>) -> bool {
    let page = async {
        let stream = TcpStream::connect(addr).await?;
        http_get::get(stream, &addr.to_string(), &path(id))
            .await?
            .error_for_status()
    };
    match page.await {
        Ok(page) => {
            results.add(id, page.title().unwrap_or(""));
            true
        }
        Err(_) => false,
    }
}

// ANCHOR: ctrl_c
/// Runs the requests, `concurrency` at a time, until they are done or
/// Ctrl-C comes; then starts none, gives those in flight `grace` to finish,
/// and drops (cancels) the rest. A second Ctrl-C exits at once.
/// async-std has no signal handling: `async-signal` gives SIGINT as a stream.
pub async fn run_until_ctrl_c(addr: SocketAddr, plan: &Plan, results: Arc<Results>) -> Report {
    let mut ctrl_c = Signals::new([Signal::Int]).expect("listen for Ctrl-C");
    let mut report = Report::default();
    let mut running = FuturesUnordered::new();
    let mut next = 0;
    loop {
        while running.len() < plan.concurrency && next < plan.requests {
            running.push(fetch_and_save(addr, next, results.clone()));
            next += 1;
        }
        match select(ctrl_c.next(), running.next()).await {
            Either::Left(_) => {
                report.interrupted = true;
                break;
            }
            Either::Right((Some(true), _)) => report.done += 1,
            Either::Right((Some(false), _)) => report.failed += 1,
            Either::Right((None, _)) => break, // every request is done
        }
    }
    report.not_started = plan.requests - next;
    if report.interrupted {
        eprintln!(
            "Ctrl-C: no new requests; the {} in flight get {:?} (Ctrl-C again quits now)",
            running.len(),
            plan.grace
        );
        let quit_now = {
            let drain = async {
                while let Some(ok) = running.next().await {
                    *if ok {
                        &mut report.done
                    } else {
                        &mut report.failed
                    } += 1;
                }
            };
            let drain = std::pin::pin!(with_timeout(plan.grace, drain));
            matches!(select(drain, ctrl_c.next()).await, Either::Right(_))
        };
        if quit_now {
            eprintln!("Ctrl-C again: quitting now; the results so far are saved");
            std::process::exit(INTERRUPTED.into());
        }
        report.cancelled = running.len() as u32;
        drop(running); // the requests still in flight are cancelled here
    }
    report
}
// ANCHOR_END: ctrl_c
