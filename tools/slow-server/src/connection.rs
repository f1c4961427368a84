//! One client connection, from its first byte to its close, with the limits
//! that keep a client from holding the server: a head that is too long, too
//! slow or never finished is refused, a body is read or refused, a client
//! that leaves during its delay is let go at once, and a stopping server
//! answers what it holds with 503.
//!
//! Ten thousand connections may wait at once, each a task whose size is that
//! of its largest step, so the steps are written to stay small: one timer
//! and one stop signal per connection, set again and polled by every step,
//! no request kept while waiting, the rare steps boxed, and the inner steps
//! plain functions that return `async move` blocks (an `async fn` keeps a
//! second copy of its arguments). Together that keeps the task of a waiting
//! connection at 768 bytes (a 616-byte future, in a release build), as small
//! as before the server had these limits.

// Clippy would turn the `async move` blocks back into `async fn`s, which
// store their arguments twice (see above).
#![allow(clippy::manual_async_fn)]

use crate::answer::{self, Answer};
use crate::http::{self, Head, Refusal, Request};
use crate::{Config, Stats};
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::futures::Notified;
use tokio::sync::{Notify, mpsc};
use tokio::time::{Instant, Sleep};

/// What every connection shares: one `Arc` per connection, not one per part.
pub(crate) struct Shared {
    pub config: Arc<Config>,
    pub stats: Arc<Stats>,
    /// Numbers the delayed requests, to draw their injected failures.
    pub sequence: AtomicU64,
    /// Set, then notified, when the server stops.
    stopped: AtomicBool,
    stop: Notify,
}

impl Shared {
    pub fn new(config: Arc<Config>, stats: Arc<Stats>) -> Self {
        Shared {
            config,
            stats,
            sequence: AtomicU64::new(0),
            stopped: AtomicBool::new(false),
            stop: Notify::new(),
        }
    }

    /// Tells every connection that the server stops.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.stop.notify_waiters();
    }
}

/// How long an answer may take to leave: a client that does not read its
/// answers cannot hold the connection for longer.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a refused client gets to stop sending before the connection is
/// closed. Closing a socket with unread data in it resets the connection,
/// and a reset can throw away the answer that says why before the client
/// reads it.
const LINGER: Duration = Duration::from_secs(1);

/// A connection reads through a small buffer: heads are short, and ten
/// thousand waiting connections each hold one.
const READ_BUFFER: usize = 1024;

type Conn = BufReader<TcpStream>;

/// The connection's one timer.
type Timer<'a> = Pin<&'a mut Sleep>;

/// Completes when the server stops (a `Notified` hears every
/// `notify_waiters` from its creation on); never polled again after that.
type Stopping<'a, 'n> = Pin<&'a mut Notified<'n>>;

/// Serves requests on `stream` until the client closes it, a request says
/// `Connection: close`, a limit is broken, or the server stops. `open` is
/// dropped when the connection is closed: the server waits for all of them.
pub(crate) fn serve(
    stream: TcpStream,
    shared: Arc<Shared>,
    open: mpsc::Sender<()>,
) -> impl Future<Output = ()> + Send {
    let mut conn = BufReader::with_capacity(READ_BUFFER, stream);
    async move {
        let timer = tokio::time::sleep(Duration::ZERO);
        let stopping = shared.stop.notified();
        tokio::pin!(timer, stopping);
        let result = if shared.stopped.load(Ordering::SeqCst) {
            // Accepted just before the server stopped.
            refuse(&mut conn, timer, shutting_down()).await
        } else {
            serve_requests(&mut conn, &shared, stopping, timer).await
        };
        // An I/O error means the client went away: nothing to answer.
        drop(result);
        drop(open);
    }
}

fn serve_requests<'a, 'n: 'a>(
    conn: &'a mut Conn,
    shared: &'a Shared,
    mut stopping: Stopping<'a, 'n>,
    mut timer: Timer<'a>,
) -> impl Future<Output = io::Result<()>> + Send + 'a {
    async move {
        let mut first = true;
        loop {
            let fresh = std::mem::replace(&mut first, false);
            let next = receive(
                conn,
                &shared.config,
                fresh,
                stopping.as_mut(),
                timer.as_mut(),
            );
            // The request goes out of scope here: a waiting connection holds
            // only the small `Step`, not the request's strings.
            let (step, keep_alive) = match next.await? {
                Next::Request(request) => (decide(&request, shared), request.keep_alive),
                Next::Closed => return Ok(()),
                Next::Refused(refusal) => return refuse(conn, timer, refusal).await,
            };
            match step {
                Step::Stats => {
                    let body = shared.stats.json();
                    send(
                        conn,
                        timer.as_mut(),
                        200,
                        "application/json",
                        body,
                        keep_alive,
                    )
                    .await?;
                }
                Step::Refuse(refusal) => {
                    let (status, body) = (refusal.status, format!("{}\n", refusal.message));
                    send(conn, timer.as_mut(), status, "text/plain", body, keep_alive).await?;
                }
                Step::Wait(delay, answer) => {
                    let in_flight = shared.stats.enter();
                    match wait(conn, stopping.as_mut(), timer.as_mut(), delay).await {
                        Waited::Done => {}
                        Waited::ClientGone => {
                            in_flight.abandoned();
                            return Ok(());
                        }
                        Waited::Stopping => {
                            drop(in_flight); // served, with a 503
                            return refuse(conn, timer, shutting_down()).await;
                        }
                    }
                    // Counted as served before the client can see its answer,
                    // so whoever reads the counters after the answer sees it.
                    drop(in_flight);
                    match answer {
                        Answer::Send(page) => {
                            let (status, kind, body) = page.render(&shared.config);
                            send(conn, timer.as_mut(), status, kind, body, keep_alive).await?;
                        }
                        // A hanging request has had its time: close unanswered.
                        Answer::Close | Answer::Hang => return Ok(()),
                    }
                }
            }
            if !keep_alive {
                return conn.get_mut().shutdown().await;
            }
        }
    }
}

/// What to do with a request that was read.
enum Step {
    /// Answer `/stats` at once.
    Stats,
    /// Answer a `?delay_ms` or `?fail` that is not allowed at once.
    Refuse(Refusal),
    /// Wait, then answer.
    Wait(Duration, Answer),
}

fn decide(request: &Request, shared: &Shared) -> Step {
    if request.path == "/stats" {
        return Step::Stats;
    }
    let plan = match answer::plan(request, &shared.config) {
        Ok(plan) => plan,
        Err(refusal) => return Step::Refuse(refusal),
    };
    let n = shared.sequence.fetch_add(1, Ordering::SeqCst);
    let answer = answer::answer(request, plan.fail, &shared.config, n);
    let delay = match answer {
        // A hanging request waits its delay, then hangs.
        Answer::Hang => plan.delay.saturating_add(shared.config.hang_for),
        _ => plan.delay,
    };
    Step::Wait(delay, answer)
}

enum Next {
    /// Boxed: it lives across a wait only while a body is read.
    Request(Box<Request>),
    Closed,
    Refused(Refusal),
}

/// Reads the next request, unless the server stops first.
fn receive<'a, 'n: 'a>(
    conn: &'a mut Conn,
    config: &'a Config,
    fresh: bool,
    stopping: Stopping<'a, 'n>,
    timer: Timer<'a>,
) -> impl Future<Output = io::Result<Next>> + Send + 'a {
    async move {
        let mut head = Vec::new();
        tokio::select! {
            biased;
            _ = stopping => {
                if head.is_empty() && conn.buffer().is_empty() {
                    return Ok(Next::Closed); // between requests: nothing to answer
                }
                Ok(Next::Refused(shutting_down()))
            }
            next = next_request(conn, &mut head, config, fresh, timer) => next,
        }
    }
}

/// Reads the next request and its body, within the time limits: a new
/// connection has [`Config::head_timeout`] for its first head; a kept-alive
/// one may then wait [`Config::idle_timeout`] for its next request and has
/// `head_timeout` from the first byte of it.
fn next_request<'a>(
    conn: &'a mut Conn,
    head: &'a mut Vec<u8>,
    config: &'a Config,
    fresh: bool,
    mut timer: Timer<'a>,
) -> impl Future<Output = io::Result<Next>> + Send + 'a {
    async move {
        if !fresh {
            timer.as_mut().reset(Instant::now() + config.idle_timeout);
            tokio::select! {
                biased;
                bytes = conn.fill_buf() => {
                    if bytes?.is_empty() {
                        return Ok(Next::Closed);
                    }
                }
                // Idle for too long: close quietly.
                _ = timer.as_mut() => return Ok(Next::Closed),
            }
        }
        let too_slow = || {
            let ms = config.head_timeout.as_millis();
            Next::Refused(Refusal::new(
                408,
                format!("the request did not arrive within {ms} ms"),
            ))
        };
        timer.as_mut().reset(Instant::now() + config.head_timeout);
        let outcome = tokio::select! {
            biased;
            outcome = http::read_head(conn, head) => outcome?,
            _ = timer.as_mut() => return Ok(too_slow()),
        };
        let refused = |status, message: String| Ok(Next::Refused(Refusal::new(status, message)));
        match outcome {
            Head::Complete => {}
            Head::Closed => return Ok(Next::Closed),
            Head::EndedEarly => {
                return refused(400, "the request ended before its head did".into());
            }
            Head::TooLarge => {
                let limit = http::MAX_HEAD_BYTES;
                return refused(
                    431,
                    format!("a request head may have {limit} bytes at most"),
                );
            }
        }
        let request = match http::parse_head(head) {
            Ok(request) => Box::new(request),
            Err(refusal) => return Ok(Next::Refused(refusal)),
        };
        timer.as_mut().reset(Instant::now() + config.head_timeout);
        tokio::select! {
            biased;
            complete = http::skip_body(conn, request.content_length) => Ok(if complete? {
                Next::Request(request)
            } else {
                Next::Closed
            }),
            _ = timer => Ok(too_slow()),
        }
    }
}

enum Waited {
    Done,
    ClientGone,
    Stopping,
}

/// Waits `delay`, unless the client goes away or the server stops first.
fn wait<'a, 'n: 'a>(
    conn: &'a mut Conn,
    stopping: Stopping<'a, 'n>,
    mut timer: Timer<'a>,
    delay: Duration,
) -> impl Future<Output = Waited> + Send + 'a {
    timer.as_mut().reset(Instant::now() + delay);
    async move {
        tokio::select! {
            biased;
            _ = stopping => Waited::Stopping,
            _ = client_gone(conn) => Waited::ClientGone,
            _ = timer => Waited::Done,
        }
    }
}

/// Completes when the client closes its side of the connection (or it
/// breaks). A client that half-closes after its request counts as gone, as
/// in most servers.
async fn client_gone(conn: &mut Conn) {
    match conn.fill_buf().await {
        // The client's next request is already here: that is not a goodbye,
        // and the buffer cannot tell us more. The answer goes out after the
        // delay (at most a minute), and a write to a closed socket fails then.
        Ok(bytes) if !bytes.is_empty() => std::future::pending().await,
        _ => {}
    }
}

fn shutting_down() -> Refusal {
    Refusal::new(503, "the server is shutting down")
}

/// Writes one answer, within [`SEND_TIMEOUT`].
fn send<'a>(
    conn: &'a mut Conn,
    mut timer: Timer<'a>,
    status: u16,
    kind: &'a str,
    body: String,
    keep_alive: bool,
) -> impl Future<Output = io::Result<()>> + Send + 'a {
    timer.as_mut().reset(Instant::now() + SEND_TIMEOUT);
    let answer = http::response(status, kind, &body, keep_alive);
    async move {
        tokio::select! {
            biased;
            sent = conn.get_mut().write_all(answer.as_bytes()) => sent,
            _ = timer => Err(io::ErrorKind::TimedOut.into()),
        }
    }
}

/// Answers a refusal and closes the connection, reading (and throwing away)
/// what the client still sends for up to [`LINGER`], so that the answer is
/// not lost to a reset.
///
/// Boxed: the future of a connection is as large as its largest step, and
/// this rare, short one should not make every waiting connection larger.
fn refuse<'a>(
    conn: &'a mut Conn,
    mut timer: Timer<'a>,
    refusal: Refusal,
) -> Pin<Box<dyn Future<Output = io::Result<()>> + Send + 'a>> {
    Box::pin(async move {
        let body = format!("{}\n", refusal.message);
        send(
            conn,
            timer.as_mut(),
            refusal.status,
            "text/plain",
            body,
            false,
        )
        .await?;
        conn.get_mut().shutdown().await?;
        timer.as_mut().reset(Instant::now() + LINGER);
        tokio::select! {
            biased;
            _ = async {
                while let Ok(bytes) = conn.fill_buf().await {
                    match bytes.len() {
                        0 => break,
                        n => conn.consume(n),
                    }
                }
            } => {}
            _ = timer => {}
        }
        Ok(())
    })
}
