//! A local HTTP/1.1 server that answers slowly: the stand-in for a slow web
//! site in the book's experiments.
//!
//! Every answer waits a delay first (per server, or `?delay_ms=N` per
//! request, at most [`MAX_REQUEST_DELAY_MS`]). The server runs on one thread
//! with tokio: a waiting request is a sleeping task, not a blocked thread, so
//! ten thousand can wait at once.
//!
//! | path | answer |
//! | --- | --- |
//! | `/` or `/hello` | `Hello from the slow server` |
//! | `/detail/{id}` | an HTML page whose title is `Detail {id}` (then [`Config::title_suffix`], if set) |
//! | `/status/{code}` | an empty answer with that status (200-599) |
//! | `/stats` | `{"served":..,"in_flight":..,"peak_in_flight":..,"abandoned":..}` at once |
//! | `/site/{n}` | page `n` of the generated [`Site`] (set [`Config::site`]): HTML with links to other pages |
//!
//! Failures on request: `?fail=500`, `?fail=close` (the connection is closed
//! without an answer) or `?fail=hang` (no answer until [`Config::hang_for`]
//! has passed); or for a share of all requests with the `fail_*_percent`
//! settings. A `?delay_ms` or `?fail` that is not allowed is answered 400 at
//! once, with a message that says what is.
//!
//! Its clients cannot break it: a request head may have [`MAX_HEAD_BYTES`]
//! (431 above) and must arrive within [`Config::head_timeout`] (408); a body
//! is read if it has a `Content-Length` of at most [`MAX_BODY_BYTES`] (413
//! above, 501 for `Transfer-Encoding`); a client that leaves during its delay
//! is let go at once; a kept-alive connection idle for
//! [`Config::idle_timeout`] is closed; out of file descriptors, it waits a
//! little and accepts again.
//!
//! When it stops (the `shutdown` future of [`serve`], dropping a
//! [`RunningServer`], or Ctrl-C and SIGTERM for the program), it accepts no
//! more connections, answers every request in flight 503 at once, closes
//! idle connections, and waits at most [`Config::shutdown_grace`] for the
//! answers to leave.
//!
//! Tests and examples start it in-process with [`start`], on port 0.

mod answer;
mod connection;
mod http;
pub mod site;

use connection::Shared;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::net::{TcpListener, TcpSocket};

pub use answer::MAX_REQUEST_DELAY_MS;
pub use http::{MAX_BODY_BYTES, MAX_HEAD_BYTES, Request};
pub use site::Site;

/// How the server behaves.
#[derive(Clone, Debug)]
pub struct Config {
    /// 0 picks a free port.
    pub port: u16,
    /// How long every answer waits, unless the request says `?delay_ms=N`.
    pub delay: Duration,
    /// Shares (0-100) of requests that fail with a 500, a closed connection,
    /// or no answer at all. They are drawn from `seed`, so a run repeats.
    pub fail_500_percent: u8,
    pub fail_close_percent: u8,
    pub fail_hang_percent: u8,
    /// How long a hanging request keeps its connection before closing it.
    pub hang_for: Duration,
    pub seed: u64,
    /// How long a client has to send a whole request head (counted from the
    /// connection on a new one, from the first byte on a kept-alive one), and
    /// then its body: slower ones are answered 408 and closed.
    pub head_timeout: Duration,
    /// How long a kept-alive connection may wait for its next request before
    /// it is closed (quietly, as the client may be about to close it too).
    pub idle_timeout: Duration,
    /// When the server stops: how long it waits for its last answers to
    /// leave before it closes what is left.
    pub shutdown_grace: Duration,
    /// Words added to the title of every `/detail/{id}` page, after a space:
    /// the exercise checks set a random one, so that no client can know a
    /// title without fetching its page. `None` (the default) gives `Detail {id}`.
    pub title_suffix: Option<String>,
    /// The site to crawl under `/site/`; its default has no pages.
    pub site: Site,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            delay: Duration::from_millis(1000),
            fail_500_percent: 0,
            fail_close_percent: 0,
            fail_hang_percent: 0,
            hang_for: Duration::from_secs(60),
            seed: 1,
            head_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            shutdown_grace: Duration::from_secs(2),
            title_suffix: None,
            site: Site::default(),
        }
    }
}

impl Config {
    /// A server on a free port whose answers wait `delay`.
    pub fn with_delay(delay: Duration) -> Self {
        Config {
            delay,
            ..Config::default()
        }
    }

    /// Checks the settings; the message says what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        let total = self.fail_500_percent as u32
            + self.fail_close_percent as u32
            + self.fail_hang_percent as u32;
        if total > 100 {
            return Err(format!(
                "the failure shares add up to {total}%; they may add up to 100% at most"
            ));
        }
        if self.head_timeout.is_zero() || self.idle_timeout.is_zero() {
            return Err("the head and idle timeouts must be longer than zero".into());
        }
        self.site.validate()
    }
}

/// Counters the server keeps; shared with whoever started it.
#[derive(Default, Debug)]
pub struct Stats {
    served: AtomicU64,
    in_flight: AtomicU64,
    peak_in_flight: AtomicU64,
    abandoned: AtomicU64,
}

impl Stats {
    /// Requests that waited their delay and were answered (or failed on
    /// purpose, or answered 503 because the server stopped) so far. Refused
    /// requests (4xx before the delay) and `/stats` are not counted.
    pub fn served(&self) -> u64 {
        self.served.load(Ordering::SeqCst)
    }

    /// Requests waiting for their answer now.
    pub fn in_flight(&self) -> u64 {
        self.in_flight.load(Ordering::SeqCst)
    }

    /// The most requests that were waiting at the same time.
    pub fn peak_in_flight(&self) -> u64 {
        self.peak_in_flight.load(Ordering::SeqCst)
    }

    /// Requests whose client went away before their answer; their
    /// connections were closed at once.
    pub fn abandoned(&self) -> u64 {
        self.abandoned.load(Ordering::SeqCst)
    }

    /// Returns the peak and starts counting a new one from what is in flight now.
    pub fn take_peak(&self) -> u64 {
        self.peak_in_flight.swap(self.in_flight(), Ordering::SeqCst)
    }

    fn enter(&self) -> InFlight<'_> {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight {
            stats: self,
            abandoned: false,
        }
    }

    fn json(&self) -> String {
        format!(
            "{{\"served\":{},\"in_flight\":{},\"peak_in_flight\":{},\"abandoned\":{}}}",
            self.served(),
            self.in_flight(),
            self.peak_in_flight(),
            self.abandoned()
        )
    }
}

/// Counts one request as in flight until it is dropped; then as served,
/// unless its client went away.
struct InFlight<'a> {
    stats: &'a Stats,
    abandoned: bool,
}

impl InFlight<'_> {
    fn abandoned(mut self) {
        self.abandoned = true;
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let stats = self.stats;
        stats.in_flight.fetch_sub(1, Ordering::SeqCst);
        let counter = if self.abandoned {
            &stats.abandoned
        } else {
            &stats.served
        };
        counter.fetch_add(1, Ordering::SeqCst);
    }
}

/// Binds 127.0.0.1 with a long accept queue, so that thousands of clients
/// connecting at once are not turned away.
pub fn bind(port: u16) -> io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    socket.listen(8192)
}

/// How long the server waits before accepting again when accepting failed
/// for want of resources (out of file descriptors, say): long enough not to
/// spin, short enough that a freed descriptor is used at once.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(20);

/// What was still going on when the server stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stopped {
    /// Requests in flight when the shutdown came; each was answered 503.
    pub in_flight: u64,
    /// Connections still open when [`Config::shutdown_grace`] ran out (their
    /// answers had not left yet); they are closed when the runtime ends.
    pub unfinished: usize,
}

/// Accepts connections until `shutdown` completes, answering each on its
/// own task; then stops as the crate documentation says.
pub async fn serve(
    listener: TcpListener,
    config: Arc<Config>,
    stats: Arc<Stats>,
    shutdown: impl Future<Output = ()>,
) -> Stopped {
    let shared = Arc::new(Shared::new(config, stats));
    // Each connection holds a clone of `open` until it is closed.
    let (open, mut all_closed) = tokio::sync::mpsc::channel::<()>(1);
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    tokio::spawn(connection::serve(stream, shared.clone(), open.clone()));
                }
                // That one connection failed before it was accepted.
                Err(e) if matches!(
                    e.kind(),
                    io::ErrorKind::ConnectionAborted
                        | io::ErrorKind::ConnectionReset
                        | io::ErrorKind::Interrupted
                ) => {}
                // Out of file descriptors or memory: wait for some to be freed
                // (a vanished client frees its own at once) instead of spinning.
                Err(_) => tokio::time::sleep(ACCEPT_BACKOFF).await,
            }
        }
    }
    drop(listener);
    drop(open);
    let in_flight = shared.stats.in_flight();
    shared.stop();
    let grace = shared.config.shutdown_grace;
    let _ = tokio::time::timeout(grace, all_closed.recv()).await;
    Stopped {
        in_flight,
        // Every connection still running holds one `shared`, as this does.
        unfinished: Arc::strong_count(&shared) - 1,
    }
}

/// A server running on a thread of its own; it stops when this is dropped.
pub struct RunningServer {
    pub addr: SocketAddr,
    pub stats: Arc<Stats>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RunningServer {
    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts a server on its own thread, with its own single-threaded tokio
/// runtime, so it works beside any runtime the caller uses.
pub fn start(config: Config) -> io::Result<RunningServer> {
    config
        .validate()
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let listener = runtime.block_on(async { bind(config.port) })?;
    let addr = listener.local_addr()?;
    let stats = Arc::new(Stats::default());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("slow-server".into())
        .spawn({
            let stats = stats.clone();
            move || {
                runtime.block_on(serve(listener, Arc::new(config), stats, async {
                    let _ = stopped.await;
                }));
            }
        })?;
    Ok(RunningServer {
        addr,
        stats,
        stop: Some(stop),
        thread: Some(thread),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_shares_over_100_are_refused() {
        let config = Config {
            fail_500_percent: 60,
            fail_close_percent: 50,
            ..Config::default()
        };
        assert!(config.validate().unwrap_err().contains("110%"));
    }

    #[test]
    fn a_request_in_flight_ends_served_or_abandoned() {
        let stats = Stats::default();
        let (a, b) = (stats.enter(), stats.enter());
        assert_eq!((stats.in_flight(), stats.peak_in_flight()), (2, 2));
        drop(a);
        b.abandoned();
        assert_eq!(
            (stats.in_flight(), stats.served(), stats.abandoned()),
            (0, 1, 1)
        );
        assert!(
            stats
                .json()
                .ends_with("\"peak_in_flight\":2,\"abandoned\":1}")
        );
    }
}
