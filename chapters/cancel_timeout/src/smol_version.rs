//! The cancellation scenarios on smol. smol races two futures with
//! `future::or`: the first to finish wins, and the other is dropped.

use crate::scenario::*;
use smol::Timer;
use smol::future::FutureExt;
use smol::io::AsyncReadExt;
use smol::net::TcpStream;
use smol::stream::StreamExt;

/// Runs a future to completion on the calling thread.
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
}

async fn connect() -> TcpStream {
    let stream = TcpStream::connect(start_sender()).await;
    stream.expect("connect to the loopback sender")
}

/// What woke the loop.
enum Woke<T> {
    Read(T),
    Tick,
}

// ANCHOR: lost_reads
/// Not cancel-safe: when the ticker wins the race, `or` drops this turn's
/// `read_exact` with the half message it had taken from the socket.
pub async fn lost_reads() -> Received {
    let mut stream = connect().await;
    let mut ticks = Timer::interval(TICK);
    let mut received = Received::default();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        let read = async { Woke::Read(stream.read_exact(&mut message).await) };
        let tick = async {
            ticks.next().await;
            Woke::Tick
        };
        match read.or(tick).await {
            Woke::Read(Ok(())) => received.note(&message),
            Woke::Read(Err(_)) => break, // the sender closed the connection
            Woke::Tick => received.ticks += 1,
        }
    }
    received
}
// ANCHOR_END: lost_reads

// ANCHOR: kept_future
/// Fixed by keeping the read across ticks: made once per message, pinned,
/// and raced through `&mut`.
pub async fn kept_future() -> Received {
    let mut stream = connect().await;
    let mut ticks = Timer::interval(TICK);
    let mut received = Received::default();
    let mut message = [0u8; MESSAGE_LEN];
    loop {
        let read = stream.read_exact(&mut message);
        let mut read = std::pin::pin!(read);
        let done = loop {
            let this_read = async { Woke::Read((&mut read).await) };
            let tick = async {
                ticks.next().await;
                Woke::Tick
            };
            match this_read.or(tick).await {
                Woke::Read(read) => break read.is_err(),
                Woke::Tick => received.ticks += 1,
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
    let mut ticks = Timer::interval(TICK);
    let mut received = Received::default();
    let (mut pending, mut chunk) = (Vec::new(), [0u8; 256]);
    loop {
        let read = async { Woke::Read(stream.read(&mut chunk).await) };
        let tick = async {
            ticks.next().await;
            Woke::Tick
        };
        match read.or(tick).await {
            Woke::Read(Ok(0) | Err(_)) => break,
            Woke::Read(Ok(n)) => {
                pending.extend_from_slice(&chunk[..n]);
                take_messages(&mut pending, &mut received);
            }
            Woke::Tick => received.ticks += 1,
        }
    }
    received
}
// ANCHOR_END: cancel_safe_read

// ---------------------------------------------------------------------

use harness::Timeline;
use std::time::{Duration, Instant};

/// Waits `JOB_UNITS`, cleaning up if it is dropped before the end.
async fn job(tl: Timeline, unit: Duration) -> u32 {
    let record = tl.start("job");
    let clean_up = CleanUp::new(&tl);
    Timer::after(unit * JOB_UNITS).await; // cancelled here, if at all
    clean_up.finished();
    record.done(JOB_UNITS)
}

/// `Waited::TimedOut` once `after` has passed: the loser of a race.
async fn timed_out(after: Duration) -> Waited {
    Timer::after(after).await;
    Waited::TimedOut
}

// ANCHOR: cancel_at_await
/// `task.cancel()`: `cancel().await` stops the task at the `.await` it is
/// waiting in, and returns `None` (its result, had it finished). Dropping
/// the `Task` would cancel it too, without waiting for it to stop.
pub async fn cancel_at_await(tl: Timeline, unit: Duration) -> Option<u32> {
    let task = smol::spawn(job(tl.clone(), unit));
    Timer::after(unit * CANCEL_AT_UNITS).await;
    task.cancel().await
}
// ANCHOR_END: cancel_at_await

// ANCHOR: timeout
/// `asyncio.wait_for(job(), 2)`: smol has no `timeout`; race the job
/// against a timer with `or`, and the loser is dropped.
pub async fn timeout(tl: Timeline, unit: Duration) -> Waited {
    let done = async { Waited::Done(job(tl, unit).await) };
    done.or(timed_out(unit * TIMEOUT_UNITS)).await
}
// ANCHOR_END: timeout

// ANCHOR: timeout_on_handle
/// A timeout on a `Task` drops the `Task`, and in smol that cancels it:
/// here, unlike tokio and async-std, the job does not run on.
pub async fn timeout_on_handle(tl: Timeline, unit: Duration) -> (Waited, &'static str) {
    let task = smol::spawn(job(tl.clone(), unit));
    let done = async { Waited::Done(task.await) };
    let waited = done.or(timed_out(unit * TIMEOUT_UNITS)).await;
    Timer::after(unit * (JOB_UNITS + 1 - TIMEOUT_UNITS)).await;
    (waited, fate(&tl, "job"))
}
// ANCHOR_END: timeout_on_handle

// ANCHOR: shield
/// `asyncio.shield`: race `&mut task`, which keeps the `Task` when the
/// timer wins; the result can still be had later.
pub async fn shield(tl: Timeline, unit: Duration) -> (Waited, u32) {
    let mut task = smol::spawn(job(tl, unit));
    let done = async { Some((&mut task).await) };
    let timer = async {
        Timer::after(unit * TIMEOUT_UNITS).await;
        None
    };
    match done.or(timer).await {
        // Done in time: the task has given its result and must not be
        // awaited again (a finished `Task` panics if polled once more).
        Some(n) => (Waited::Done(n), n),
        None => (Waited::TimedOut, task.await),
    }
}
// ANCHOR_END: shield

/// One step of one unit, recorded as `step N`.
async fn step(tl: &Timeline, n: u32, unit: Duration) -> bool {
    let record = tl.start(&format!("step {n}"));
    Timer::after(unit).await;
    record.done(());
    true
}

// ANCHOR: deadline_vs_step
/// A timeout per step (a timer after), then one deadline for all three
/// steps (a timer at the deadline).
pub async fn deadline_vs_step(tl: Timeline, unit: Duration) -> (Steps, Steps) {
    let mut per_step = Ok(STEPS);
    for n in 1..=STEPS {
        let out_of_time = async {
            Timer::after(step_timeout(unit)).await;
            false
        };
        if !step(&tl, n, unit).or(out_of_time).await {
            per_step = Err(n);
            break;
        }
    }
    let deadline = Instant::now() + deadline(unit);
    let mut by_deadline = Ok(STEPS);
    for n in STEPS + 1..=2 * STEPS {
        let out_of_time = async {
            Timer::at(deadline).await;
            false
        };
        if !step(&tl, n, unit).or(out_of_time).await {
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
    let (stop, stopped) = smol::channel::bounded::<()>(1);
    let worker = smol::spawn(async move {
        let mut steps = 0;
        loop {
            let told = async {
                let _ = stopped.recv().await;
                false
            };
            if !step(&tl, steps + 1, unit).or(told).await {
                break;
            }
            steps += 1;
        }
        let flush = tl.start("flush");
        Timer::after(unit * FLUSH_UNITS).await; // async clean-up
        flush.done(());
        Stopped {
            steps,
            flushed: true,
        }
    });
    Timer::after(unit * STOP_AT_UNITS + unit / 2).await;
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
    Timer::after(unit * units).await;
    if fails {
        Err(record.failed(failure(name)))
    } else {
        Ok(record.done(units))
    }
}

// ANCHOR: task_group
/// Python 3.11's `TaskGroup`, from `Task`s: `select_all` waits for the
/// first to finish and hands back the others; at the first error each of
/// those is cancelled and awaited (dropping them would cancel them too,
/// without waiting until they have stopped).
pub async fn task_group(tl: Timeline, unit: Duration) -> Result<Vec<u32>, String> {
    let mut running: Vec<_> = GROUP
        .iter()
        .map(|&job| smol::spawn(group_job(tl.clone(), job, unit)))
        .collect();
    let mut done = Vec::new();
    while !running.is_empty() {
        let (first, _, rest) = futures::future::select_all(running).await;
        running = rest;
        match first {
            Ok(value) => done.push(value),
            Err(error) => {
                for task in running {
                    task.cancel().await;
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

/// What ended a wait of the run's loop.
enum Next {
    /// A request finished (`Some(true)` with its result saved), or none was left.
    Finished(Option<bool>),
    CtrlC,
}

// ANCHOR: ctrl_c
/// Runs the requests, `concurrency` at a time, until they are done or
/// Ctrl-C comes; then starts none, gives those in flight `grace` to finish,
/// and drops (cancels) the rest. A second Ctrl-C exits at once. SIGINT
/// comes from `async-signal`, a stream on smol's own reactor.
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
        let finished = async { Next::Finished(running.next().await) };
        let interrupted = async {
            ctrl_c.next().await;
            Next::CtrlC
        };
        match finished.or(interrupted).await {
            Next::CtrlC => {
                report.interrupted = true;
                break;
            }
            Next::Finished(Some(true)) => report.done += 1,
            Next::Finished(Some(false)) => report.failed += 1,
            Next::Finished(None) => break, // every request is done
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
            true
        };
        let grace_over = async {
            Timer::after(plan.grace).await;
            true
        };
        let again = async {
            ctrl_c.next().await;
            false
        };
        if !drain.or(grace_over).or(again).await {
            eprintln!("Ctrl-C again: quitting now; the results so far are saved");
            std::process::exit(INTERRUPTED.into());
        }
        report.cancelled = running.len() as u32;
        drop(running); // the requests still in flight are cancelled here
    }
    report
}
// ANCHOR_END: ctrl_c
