//! A local HTTP/1.1 server that answers slowly: the stand-in for a slow web
//! site in the book's experiments.
//!
//! Every answer waits a delay first (per server, or `?delay_ms=N` per
//! request). The server runs on one thread with tokio: a waiting request is a
//! sleeping task, not a blocked thread, so ten thousand can wait at once.
//!
//! | path | answer |
//! | --- | --- |
//! | `/` or `/hello` | `Hello from the slow server` |
//! | `/detail/{id}` | an HTML page whose title is `Detail {id}` |
//! | `/status/{code}` | an empty answer with that status (200-599) |
//! | `/stats` | `{"served":..,"in_flight":..,"peak_in_flight":..}` at once |
//!
//! Failures on request: `?fail=500`, `?fail=close` (the connection is closed
//! without an answer) or `?fail=hang` (no answer until [`Config::hang_for`]
//! has passed); or for a share of all requests with the `fail_*_percent`
//! settings.
//!
//! Tests and examples start it in-process with [`start`], on port 0.

mod http;

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpSocket, TcpStream};

pub use http::Request;

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
        Ok(())
    }
}

/// Counters the server keeps; shared with whoever started it.
#[derive(Default, Debug)]
pub struct Stats {
    served: AtomicU64,
    in_flight: AtomicU64,
    peak_in_flight: AtomicU64,
}

impl Stats {
    /// Requests answered (or failed on purpose) so far.
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

    /// Returns the peak and starts counting a new one from what is in flight now.
    pub fn take_peak(&self) -> u64 {
        self.peak_in_flight.swap(self.in_flight(), Ordering::SeqCst)
    }

    fn enter(self: &Arc<Self>) -> InFlight {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(self.clone())
    }

    fn json(&self) -> String {
        format!(
            "{{\"served\":{},\"in_flight\":{},\"peak_in_flight\":{}}}",
            self.served(),
            self.in_flight(),
            self.peak_in_flight()
        )
    }
}

/// Counts one request as in flight until it is dropped.
struct InFlight(Arc<Stats>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
        self.0.served.fetch_add(1, Ordering::SeqCst);
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

/// Accepts connections until `shutdown` completes, answering each on its own task.
pub async fn serve(
    listener: TcpListener,
    config: Arc<Config>,
    stats: Arc<Stats>,
    shutdown: impl Future<Output = ()>,
) {
    let sequence = Arc::new(AtomicU64::new(0));
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let (config, stats, sequence) = (config.clone(), stats.clone(), sequence.clone());
                    tokio::spawn(async move {
                        // A client that goes away is its own business.
                        let _ = connection(stream, &config, &stats, &sequence).await;
                    });
                }
                // Out of file descriptors, say: wait a little instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
    }
}

/// What the server decided to do with one request.
enum Answer {
    Respond(u16, &'static str, String),
    Close,
    Hang,
}

async fn connection(
    stream: TcpStream,
    config: &Config,
    stats: &Arc<Stats>,
    sequence: &AtomicU64,
) -> io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    // A small buffer: request heads are short, and ten thousand waiting
    // connections each hold one.
    let mut reader = BufReader::with_capacity(1024, reader);
    loop {
        let request = match http::read_request(&mut reader).await {
            Ok(Some(request)) => request,
            Ok(None) => return Ok(()),
            Err(e) => {
                let answer = http::response(400, "text/plain", &format!("{e}\n"), false);
                writer.write_all(answer.as_bytes()).await?;
                return Ok(());
            }
        };
        if request.path == "/stats" {
            let answer = http::response(200, "application/json", &stats.json(), request.keep_alive);
            writer.write_all(answer.as_bytes()).await?;
        } else {
            let _in_flight = stats.enter();
            let n = sequence.fetch_add(1, Ordering::SeqCst);
            let delay = request
                .delay_ms()
                .map(Duration::from_millis)
                .unwrap_or(config.delay);
            tokio::time::sleep(delay).await;
            match answer(&request, config, n) {
                Answer::Respond(status, kind, body) => {
                    let answer = http::response(status, kind, &body, request.keep_alive);
                    writer.write_all(answer.as_bytes()).await?;
                }
                Answer::Close => return Ok(()),
                Answer::Hang => {
                    tokio::time::sleep(config.hang_for).await;
                    return Ok(());
                }
            }
        }
        if !request.keep_alive {
            return writer.shutdown().await;
        }
    }
}

fn answer(request: &Request, config: &Config, n: u64) -> Answer {
    if request.method != "GET" {
        return Answer::Respond(405, "text/plain", "only GET is served\n".into());
    }
    let injected = match request.query("fail") {
        Some("500") => Some(500),
        Some("close") => Some(1),
        Some("hang") => Some(2),
        _ => {
            let roll = (splitmix64(config.seed.wrapping_add(n)) % 100) as u8;
            let (a, b, c) = (
                config.fail_500_percent,
                config.fail_close_percent,
                config.fail_hang_percent,
            );
            if roll < a {
                Some(500)
            } else if roll < a + b {
                Some(1)
            } else if roll < a + b + c {
                Some(2)
            } else {
                None
            }
        }
    };
    match injected {
        Some(500) => {
            return Answer::Respond(500, "text/plain", "injected failure\n".into());
        }
        Some(1) => return Answer::Close,
        Some(_) => return Answer::Hang,
        None => {}
    }
    let path = request.path.as_str();
    if path == "/" || path == "/hello" {
        return Answer::Respond(200, "text/plain", "Hello from the slow server\n".into());
    }
    if let Some(id) = path.strip_prefix("/detail/") {
        if let Ok(id) = id.parse::<u64>() {
            let body = format!(
                "<!doctype html>\n<html><head><title>Detail {id}</title></head>\
                 <body><h1>Detail {id}</h1><p>Page {id} of the slow server.</p></body></html>\n"
            );
            return Answer::Respond(200, "text/html; charset=utf-8", body);
        }
    }
    if let Some(code) = path.strip_prefix("/status/") {
        return match code.parse::<u16>() {
            Ok(code @ 200..=599) => Answer::Respond(code, "text/plain", String::new()),
            _ => Answer::Respond(400, "text/plain", "the status must be 200-599\n".into()),
        };
    }
    Answer::Respond(404, "text/plain", format!("no page at {path}\n"))
}

/// A small, good mixing function: the same `x` always gives the same number.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
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
                }))
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

    fn request(path: &str) -> Request {
        http::parse_head(&format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n")).unwrap()
    }

    #[test]
    fn pages_and_statuses() {
        let config = Config::default();
        let body = |path| match answer(&request(path), &config, 0) {
            Answer::Respond(status, _, body) => (status, body),
            _ => panic!("no answer for {path}"),
        };
        assert_eq!(body("/hello").0, 200);
        assert!(body("/detail/42").1.contains("<title>Detail 42</title>"));
        assert_eq!(body("/status/503").0, 503);
        assert_eq!(body("/status/42").0, 400);
        assert_eq!(body("/nowhere").0, 404);
    }

    #[test]
    fn injected_failure_shares_come_out_about_right_and_repeat() {
        let config = Config {
            fail_500_percent: 20,
            fail_close_percent: 10,
            fail_hang_percent: 5,
            ..Config::default()
        };
        let count = |seed_offset: u64| {
            let mut counts = [0; 4];
            for n in 0..10_000 {
                let i = match answer(&request("/hello"), &config, n + seed_offset) {
                    Answer::Respond(500, ..) => 0,
                    Answer::Close => 1,
                    Answer::Hang => 2,
                    Answer::Respond(..) => 3,
                };
                counts[i] += 1;
            }
            counts
        };
        let counts = count(0);
        assert_eq!(
            counts,
            count(0),
            "the same seed must give the same failures"
        );
        for (got, want) in counts.iter().zip([2000, 1000, 500, 6500]) {
            assert!((*got as i32 - want).abs() < 300, "{counts:?}");
        }
    }

    #[test]
    fn failure_shares_over_100_are_refused() {
        let config = Config {
            fail_500_percent: 60,
            fail_close_percent: 50,
            ..Config::default()
        };
        assert!(config.validate().unwrap_err().contains("110%"));
    }
}
