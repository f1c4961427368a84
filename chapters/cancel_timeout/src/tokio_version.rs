//! The cancellation scenarios on tokio.

use crate::scenario::*;
use tokio::io::AsyncReadExt;
use tokio::net::TcpStream;

/// Runs a future to completion on a new multi-threaded runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}

// ANCHOR: connect
async fn connect() -> TcpStream {
    let stream = TcpStream::connect(start_sender()).await;
    stream.expect("connect to the loopback sender")
}
// ANCHOR_END: connect

// ANCHOR: lost_reads
/// Not cancel-safe: each turn of the loop makes a new `read_exact`, and
/// when the ticker wins, `select!` drops it, with the half message it had
/// already taken from the socket.
pub async fn lost_reads() -> Received {
    let mut stream = connect().await;
    let mut ticks = tokio::time::interval(TICK);
    let mut received = Received::default();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        tokio::select! {
            read = stream.read_exact(&mut message) => match read {
                Ok(_) => received.note(&message),
                Err(_) => break, // the sender closed the connection
            },
            _ = ticks.tick() => received.ticks += 1,
        }
    }
    received
}
// ANCHOR_END: lost_reads

// ANCHOR: kept_future
/// Fixed by keeping the read: one `read_exact` future per message, pinned
/// outside the inner loop and polled through `&mut`, so a tick leaves it
/// where it was instead of dropping it.
pub async fn kept_future() -> Received {
    let mut stream = connect().await;
    let mut ticks = tokio::time::interval(TICK);
    let mut received = Received::default();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        let read = stream.read_exact(&mut message);
        tokio::pin!(read);
        let done = loop {
            tokio::select! {
                read = &mut read => break read.is_err(),
                _ = ticks.tick() => received.ticks += 1,
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
/// Fixed with a cancel-safe call: `read` takes nothing from the socket
/// unless it completes, so dropping it loses nothing. What it reads goes
/// into a buffer that outlives the loop, and whole messages are cut from it.
pub async fn cancel_safe_read() -> Received {
    let mut stream = connect().await;
    let mut ticks = tokio::time::interval(TICK);
    let mut received = Received::default();
    let (mut pending, mut chunk) = (Vec::new(), [0u8; 256]);
    loop {
        tokio::select! {
            read = stream.read(&mut chunk) => match read {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    pending.extend_from_slice(&chunk[..n]);
                    take_messages(&mut pending, &mut received);
                }
            },
            _ = ticks.tick() => received.ticks += 1,
        }
    }
    received
}
// ANCHOR_END: cancel_safe_read

// ---------------------------------------------------------------------

use harness::{Timeline, unless_cancelled};
use std::time::Duration;

// ANCHOR: job
/// Waits `JOB_UNITS`, cleaning up if it is dropped before the end.
async fn job(tl: Timeline, unit: Duration) -> u32 {
    let record = tl.start("job");
    let clean_up = CleanUp::new(&tl);
    tokio::time::sleep(unit * JOB_UNITS).await; // cancelled here, if at all
    clean_up.finished();
    record.done(JOB_UNITS)
}
// ANCHOR_END: job

// ANCHOR: cancel_at_await
/// `task.cancel()`: `abort` it after one unit. The task stops at the
/// `.await` it is waiting in; its locals are dropped, and the `Drop` of
/// `CleanUp` is the `except CancelledError:` block.
pub async fn cancel_at_await(tl: Timeline, unit: Duration) -> Option<u32> {
    let handle = tokio::spawn(job(tl.clone(), unit));
    tokio::time::sleep(unit * CANCEL_AT_UNITS).await;
    handle.abort();
    unless_cancelled(handle.await)
}
// ANCHOR_END: cancel_at_await

// ANCHOR: timeout
/// `asyncio.wait_for(job(), 2)`: the job's future is dropped at the
/// timeout, which cancels it.
pub async fn timeout(tl: Timeline, unit: Duration) -> Waited {
    match tokio::time::timeout(unit * TIMEOUT_UNITS, job(tl, unit)).await {
        Ok(n) => Waited::Done(n),
        Err(_elapsed) => Waited::TimedOut,
    }
}
// ANCHOR_END: timeout

// ANCHOR: timeout_on_handle
/// A timeout on a task's handle drops the handle, not the task: on tokio
/// the task runs on, detached. (`wait_for` would have cancelled it.)
pub async fn timeout_on_handle(tl: Timeline, unit: Duration) -> (Waited, &'static str) {
    let handle = tokio::spawn(job(tl.clone(), unit));
    let waited = match tokio::time::timeout(unit * TIMEOUT_UNITS, handle).await {
        Ok(joined) => Waited::Done(unless_cancelled(joined).expect("not aborted")),
        Err(_elapsed) => Waited::TimedOut,
    };
    tokio::time::sleep(unit * (JOB_UNITS + 1 - TIMEOUT_UNITS)).await;
    (waited, fate(&tl, "job"))
}
// ANCHOR_END: timeout_on_handle

// ANCHOR: shield
/// `asyncio.shield`: the waiter gives up at the timeout, the work goes on,
/// and its result can still be had. A timeout on `&mut handle` keeps the
/// handle.
pub async fn shield(tl: Timeline, unit: Duration) -> (Waited, u32) {
    let mut handle = tokio::spawn(job(tl, unit));
    match tokio::time::timeout(unit * TIMEOUT_UNITS, &mut handle).await {
        // Done in time: the handle has given its result and must not be
        // awaited again (a finished handle panics if polled once more).
        Ok(joined) => {
            let n = unless_cancelled(joined).expect("not aborted");
            (Waited::Done(n), n)
        }
        Err(_elapsed) => {
            let later = unless_cancelled(handle.await).expect("nothing cancels the job");
            (Waited::TimedOut, later)
        }
    }
}
// ANCHOR_END: shield

// ANCHOR: helpers
/// One step of one unit, recorded as `step N`.
async fn step(tl: &Timeline, n: u32, unit: Duration) {
    let record = tl.start(&format!("step {n}"));
    tokio::time::sleep(unit).await;
    record.done(());
}
// ANCHOR_END: helpers

// ANCHOR: deadline_vs_step
/// A timeout per step lets each step take 1.5 units; a deadline gives all
/// three 2.5 units together, and the third runs out.
pub async fn deadline_vs_step(tl: Timeline, unit: Duration) -> (Steps, Steps) {
    let mut per_step = Ok(STEPS);
    for n in 1..=STEPS {
        if tokio::time::timeout(step_timeout(unit), step(&tl, n, unit))
            .await
            .is_err()
        {
            per_step = Err(n);
            break;
        }
    }
    let deadline = tokio::time::Instant::now() + deadline(unit);
    let mut by_deadline = Ok(STEPS);
    for n in STEPS + 1..=2 * STEPS {
        if tokio::time::timeout_at(deadline, step(&tl, n, unit))
            .await
            .is_err()
        {
            by_deadline = Err(n - STEPS);
            break;
        }
    }
    (per_step, by_deadline)
}
// ANCHOR_END: deadline_vs_step

// ANCHOR: token
/// Cooperative cancellation: the worker is told to stop, drops the step it
/// was in, and flushes with an `.await`, which a `Drop` could not do.
pub async fn token(tl: Timeline, unit: Duration) -> Stopped {
    let token = tokio_util::sync::CancellationToken::new();
    let told = token.clone();
    let worker = tokio::spawn(async move {
        let mut steps = 0;
        loop {
            tokio::select! {
                _ = told.cancelled() => break,
                _ = step(&tl, steps + 1, unit) => steps += 1,
            }
        }
        let flush = tl.start("flush");
        tokio::time::sleep(unit * FLUSH_UNITS).await; // async clean-up
        flush.done(());
        Stopped {
            steps,
            flushed: true,
        }
    });
    tokio::time::sleep(unit * STOP_AT_UNITS + unit / 2).await;
    token.cancel();
    unless_cancelled(worker.await).expect("nothing aborts the worker")
}
// ANCHOR_END: token

/// A job of the group: waits, then returns its units or fails.
async fn group_job(
    tl: Timeline,
    (name, units, fails): (&'static str, u32, bool),
    unit: Duration,
) -> Result<u32, String> {
    let record = tl.start(name);
    tokio::time::sleep(unit * units).await;
    if fails {
        Err(record.failed(failure(name)))
    } else {
        Ok(record.done(units))
    }
}

// ANCHOR: task_group
/// Python 3.11's `TaskGroup`: every job runs as a task of the group; the
/// first error cancels the others and waits until they have stopped, so
/// no task outlives the group. A `JoinSet` does the bookkeeping.
pub async fn task_group(tl: Timeline, unit: Duration) -> Result<Vec<u32>, String> {
    let mut group = tokio::task::JoinSet::new();
    for job in GROUP {
        group.spawn(group_job(tl.clone(), job, unit));
    }
    let mut done = Vec::new();
    while let Some(joined) = group.join_next().await {
        match unless_cancelled(joined).expect("only the group cancels its tasks") {
            Ok(value) => done.push(value),
            Err(error) => {
                group.shutdown().await; // abort the rest, and wait for them
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
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::signal::unix::{SignalKind, signal};

/// Fetches request `id` and appends its title to the results: `true` if
/// it came back.
async fn fetch_and_save(
    client: reqwest::Client,
    addr: SocketAddr,
    id: u32,
    results: Arc<Results>,
) -> bool {
    let url = format!("http://{addr}{}", path(id));
    let page = async {
        client
            .get(url)
            .send()
            .await?
            .error_for_status()?
            .text()
            .await
    };
    match page.await {
        Ok(body) => {
            results.add(id, http_get::title(&body).unwrap_or(""));
            true
        }
        Err(_) => false,
    }
}

// ANCHOR: ctrl_c
/// Runs the requests, `concurrency` at a time, until they are done or
/// Ctrl-C comes; then starts none, gives those in flight `grace` to finish,
/// and drops (cancels) the rest. A second Ctrl-C exits at once.
pub async fn run_until_ctrl_c(addr: SocketAddr, plan: &Plan, results: Arc<Results>) -> Report {
    let client = reqwest::Client::new();
    let mut report = Report::default();
    let mut running = FuturesUnordered::new();
    let mut next = 0;
    // One stream of SIGINTs for the whole run: a second `ctrl_c()` made
    // after the first would listen only from its first poll, and could
    // miss a Ctrl-C that comes sooner.
    let mut ctrl_c = signal(SignalKind::interrupt()).expect("listen for Ctrl-C");
    loop {
        while running.len() < plan.concurrency && next < plan.requests {
            running.push(fetch_and_save(client.clone(), addr, next, results.clone()));
            next += 1;
        }
        tokio::select! {
            _ = ctrl_c.recv() => {
                report.interrupted = true;
                break;
            }
            finished = running.next() => match finished {
                Some(true) => report.done += 1,
                Some(false) => report.failed += 1,
                None => break, // every request is done
            },
        }
    }
    report.not_started = plan.requests - next;
    if report.interrupted {
        eprintln!(
            "Ctrl-C: no new requests; the {} in flight get {:?} (Ctrl-C again quits now)",
            running.len(),
            plan.grace
        );
        let drain = async {
            while let Some(ok) = running.next().await {
                *if ok {
                    &mut report.done
                } else {
                    &mut report.failed
                } += 1;
            }
        };
        tokio::select! {
            _ = tokio::time::timeout(plan.grace, drain) => {}
            _ = ctrl_c.recv() => {
                eprintln!("Ctrl-C again: quitting now; the results so far are saved");
                std::process::exit(INTERRUPTED.into());
            }
        }
        report.cancelled = running.len() as u32;
        drop(running); // the requests still in flight are cancelled here
    }
    report
}
// ANCHOR_END: ctrl_c
