//! One client connection, from its first byte to its close, with the limits
//! that keep a client from holding the server: a head that is too long, too
//! slow or never finished is refused, a body is read or refused, a client
//! that leaves during its delay is let go at once, and a stopping server
//! answers what it holds with 503.

use crate::answer::{self, Answer};
use crate::http::{self, Head, Refusal, Request};
use crate::{Config, Stats};
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio::time::{Instant, timeout, timeout_at};

/// What every connection shares: one `Arc` per connection, not three.
pub(crate) struct Shared {
    pub config: Arc<Config>,
    pub stats: Arc<Stats>,
    /// Numbers the delayed requests, to draw their injected failures.
    pub sequence: AtomicU64,
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

/// Serves requests on `stream` until the client closes it, a request says
/// `Connection: close`, a limit is broken, or `stop` says the server stops.
///
/// Not an `async fn`: an `async fn` keeps a second copy of the arguments it
/// takes by value, and ten thousand waiting connections each pay for it.
pub(crate) fn serve(
    stream: TcpStream,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
) -> impl Future<Output = ()> + Send {
    let mut conn = BufReader::with_capacity(READ_BUFFER, stream);
    async move {
        // An I/O error means the client went away: nothing to answer.
        let _ = serve_requests(&mut conn, &shared, &mut stop).await;
    }
}

async fn serve_requests(
    conn: &mut Conn,
    shared: &Shared,
    stop: &mut watch::Receiver<bool>,
) -> io::Result<()> {
    let mut new_connection = true;
    loop {
        let first = std::mem::replace(&mut new_connection, false);
        // The request goes out of scope here: a waiting connection holds only
        // the small `Step`, not the request's strings.
        let (step, keep_alive) = match receive(conn, &shared.config, first, stop).await? {
            Next::Request(request) => (decide(&request, shared), request.keep_alive),
            Next::Closed => return Ok(()),
            Next::Refused(refusal) => return refuse(conn, refusal).await,
        };
        match step {
            Step::Stats => {
                let body = shared.stats.json();
                send(conn, 200, "application/json", &body, keep_alive).await?;
            }
            Step::Refuse(refusal) => {
                let body = format!("{}\n", refusal.message);
                send(conn, refusal.status, "text/plain", &body, keep_alive).await?;
            }
            Step::Wait(delay, answer) => {
                let in_flight = shared.stats.enter();
                match wait(conn, stop, delay).await {
                    Waited::Done => {}
                    Waited::ClientGone => {
                        in_flight.abandoned();
                        return Ok(());
                    }
                    Waited::Stopping => {
                        drop(in_flight); // served, with a 503
                        return refuse(conn, shutting_down()).await;
                    }
                }
                // Counted as served before the client can see its answer, so
                // whoever reads the counters after the answer sees it.
                drop(in_flight);
                match answer {
                    Answer::Send(page) => {
                        let (status, kind, body) = page.render();
                        send(conn, status, kind, &body, keep_alive).await?;
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

/// Reads the next request, unless the server stops first.
///
/// Boxed, like [`refuse`]: reading a head takes moments, waiting takes
/// seconds, and only the step a connection waits in should set the size of
/// all ten thousand waiting connections.
fn receive<'a>(
    conn: &'a mut Conn,
    config: &'a Config,
    first: bool,
    stop: &'a mut watch::Receiver<bool>,
) -> Pin<Box<dyn Future<Output = io::Result<Next>> + Send + 'a>> {
    Box::pin(async move {
        let mut head = Vec::new();
        tokio::select! {
            biased;
            _ = stop.changed() => {
                if head.is_empty() && conn.buffer().is_empty() {
                    return Ok(Next::Closed); // between requests: nothing to answer
                }
                Ok(Next::Refused(shutting_down()))
            }
            next = next_request(conn, &mut head, config, first) => next,
        }
    })
}

enum Next {
    Request(Request),
    Closed,
    Refused(Refusal),
}

/// Reads the next request and its body, within the time limits: a new
/// connection has [`Config::head_timeout`] for its first head; a kept-alive
/// one may then wait [`Config::idle_timeout`] for its next request and has
/// `head_timeout` from the first byte of it.
async fn next_request(
    conn: &mut Conn,
    head: &mut Vec<u8>,
    config: &Config,
    first: bool,
) -> io::Result<Next> {
    if !first {
        match timeout(config.idle_timeout, conn.fill_buf()).await {
            Err(_) => return Ok(Next::Closed), // idle for too long: close quietly
            Ok(bytes) => {
                if bytes?.is_empty() {
                    return Ok(Next::Closed);
                }
            }
        }
    }
    let too_slow = || {
        Next::Refused(Refusal::new(
            408,
            format!(
                "the request did not arrive within {} ms",
                config.head_timeout.as_millis()
            ),
        ))
    };
    let deadline = Instant::now() + config.head_timeout;
    let Ok(outcome) = timeout_at(deadline, http::read_head(conn, head)).await else {
        return Ok(too_slow());
    };
    let refused = |status, message: &str| Ok(Next::Refused(Refusal::new(status, message)));
    match outcome? {
        Head::Complete => {}
        Head::Closed => return Ok(Next::Closed),
        Head::EndedEarly => return refused(400, "the request ended before its head did"),
        Head::TooLarge => {
            let limit = http::MAX_HEAD_BYTES;
            return refused(
                431,
                &format!("a request head may have {limit} bytes at most"),
            );
        }
    }
    let request = match http::parse_head(head) {
        Ok(request) => request,
        Err(refusal) => return Ok(Next::Refused(refusal)),
    };
    let deadline = Instant::now() + config.head_timeout;
    match timeout_at(deadline, http::skip_body(conn, request.content_length)).await {
        Err(_) => Ok(too_slow()),
        Ok(complete) => Ok(if complete? {
            Next::Request(request)
        } else {
            Next::Closed
        }),
    }
}

enum Waited {
    Done,
    ClientGone,
    Stopping,
}

/// Waits `delay`, unless the client goes away or the server stops first.
async fn wait(conn: &mut Conn, stop: &mut watch::Receiver<bool>, delay: Duration) -> Waited {
    tokio::select! {
        biased;
        _ = stop.changed() => Waited::Stopping,
        _ = client_gone(conn) => Waited::ClientGone,
        _ = tokio::time::sleep(delay) => Waited::Done,
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
async fn send(
    conn: &mut Conn,
    status: u16,
    kind: &str,
    body: &str,
    keep_alive: bool,
) -> io::Result<()> {
    let answer = http::response(status, kind, body, keep_alive);
    timeout(SEND_TIMEOUT, conn.get_mut().write_all(answer.as_bytes()))
        .await
        .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))?
}

/// Answers a refusal and closes the connection, reading (and throwing away)
/// what the client still sends for up to [`LINGER`], so that the answer is
/// not lost to a reset.
///
/// Boxed: the future of a connection is as large as its largest step, and
/// this rare, short one should not make every waiting connection larger.
fn refuse(
    conn: &mut Conn,
    refusal: Refusal,
) -> Pin<Box<dyn Future<Output = io::Result<()>> + Send + '_>> {
    Box::pin(refuse_now(conn, refusal))
}

async fn refuse_now(conn: &mut Conn, refusal: Refusal) -> io::Result<()> {
    let body = format!("{}\n", refusal.message);
    send(conn, refusal.status, "text/plain", &body, false).await?;
    conn.get_mut().shutdown().await?;
    let _ = timeout(LINGER, async {
        loop {
            let n = conn.fill_buf().await?.len();
            if n == 0 {
                return io::Result::Ok(());
            }
            conn.consume(n);
        }
    })
    .await;
    Ok(())
}
