//! What every model shares: the pages to fetch, the request each one sends,
//! the check of each answer, the CPU clock, and the report of a run.

use harness::Settings;
use std::fmt;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// `--requests N`: how many pages each model fetches at once.
pub const REQUESTS: &str = "--requests";

/// A slow server on a free port of 127.0.0.1 whose answers wait one unit.
pub fn server(settings: &Settings) -> Result<slow_server::RunningServer, String> {
    let concurrent = settings.value(REQUESTS);
    harness::open_files::ensure(
        harness::open_files::needed_for(concurrent),
        &format!("{concurrent} requests in flight at once"),
    )?;
    slow_server::start(slow_server::Config::with_delay(settings.unit)).map_err(|e| {
        format!(
            "could not start the slow server: {}",
            harness::error_chain(&e)
        )
    })
}

/// The pages: `/detail/1` to `/detail/N`.
pub fn page_ids(settings: &Settings) -> std::ops::RangeInclusive<u64> {
    1..=settings.value(REQUESTS)
}

// ANCHOR: request
/// The bytes of a GET for `/detail/ID`. `Connection: close` asks the server
/// to close the connection after its answer, so "the answer is complete"
/// is simply "read returned 0" (end of file).
pub fn request(addr: SocketAddr, id: u64) -> Vec<u8> {
    format!("GET /detail/{id} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").into_bytes()
}
// ANCHOR_END: request

/// Checks a whole answer: a 200 whose page is titled `Detail ID`.
pub fn check_answer(id: u64, answer: &[u8]) -> Result<(), String> {
    let page = http_get::parse(answer).map_err(|e| format!("page {id}: {e}"))?;
    match (page.status, page.title()) {
        (200, Some(title)) if title == format!("Detail {id}") => Ok(()),
        (status, title) => Err(format!(
            "page {id}: expected a 200 titled `Detail {id}`, got {status} titled {title:?}"
        )),
    }
}

// ANCHOR: cpu_time
/// The CPU time the calling thread has used so far, in user and in kernel
/// mode (`getrusage` of this thread only, not of the in-process server).
/// Wall-clock time minus this is time the thread spent waiting.
pub fn cpu_time() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct we pass and keeps no pointer to it.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_THREAD, usage.as_mut_ptr());
        usage.assume_init()
    };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}
// ANCHOR_END: cpu_time

/// How many times the calling thread has gone to sleep so far (voluntary
/// context switches, from `getrusage`): a thread that spins never does,
/// however much or little CPU a busy machine gives it.
pub fn sleeps() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: as in `cpu_time`.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_THREAD, usage.as_mut_ptr());
        usage.assume_init()
    };
    usage.ru_nvcsw
}

/// Measures a run: its wall-clock time, the CPU time it burned, and how
/// often its thread slept.
pub struct Meter {
    started: Instant,
    cpu_at_start: Duration,
    sleeps_at_start: i64,
}

impl Meter {
    pub fn start() -> Meter {
        Meter {
            started: Instant::now(),
            cpu_at_start: cpu_time(),
            sleeps_at_start: sleeps(),
        }
    }

    /// What the run did, measured now, on the thread that started the meter.
    pub fn report(&self, settings: &Settings, pages: usize, note: String) -> Report {
        let mut report = self.report_with_cpu(
            settings,
            pages,
            cpu_time().saturating_sub(self.cpu_at_start),
            note,
        );
        report.sleeps = Some(sleeps() - self.sleeps_at_start);
        report
    }

    /// The same, with the CPU time counted elsewhere (summed over threads).
    pub fn report_with_cpu(
        &self,
        settings: &Settings,
        pages: usize,
        cpu: Duration,
        note: String,
    ) -> Report {
        Report {
            pages,
            units: self.started.elapsed().as_secs_f64() / settings.unit.as_secs_f64(),
            cpu,
            sleeps: None,
            note,
        }
    }
}

/// What a model reports: how many pages, how long in units, how much CPU,
/// and a note of its own (the empty reads of a busy poll, the signals...).
#[derive(Clone, Debug)]
pub struct Report {
    pub pages: usize,
    pub units: f64,
    pub cpu: Duration,
    /// How often the waiting thread slept (not shown: it is for the tests);
    /// `None` when the work ran on several threads.
    pub sleeps: Option<i64>,
    pub note: String,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `~` marks a figure that changes from run to run (the book's test
        // allows a factor of ten): CPU time depends on the machine.
        write!(
            f,
            "{} pages, {:.1} units, CPU ~{} ms",
            self.pages,
            self.units,
            self.cpu.as_millis()
        )?;
        if !self.note.is_empty() {
            write!(f, ", {}", self.note)?;
        }
        Ok(())
    }
}

// ANCHOR: pending
/// One request in flight: its page, its socket, and the answer so far.
pub struct Pending {
    pub id: u64,
    pub stream: TcpStream,
    pub answer: Vec<u8>,
}

/// What one round of reads found on a non-blocking socket.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Progress {
    /// The server closed the connection: the answer is whole.
    Complete,
    /// Some bytes came, and no more for now.
    Partial,
    /// Nothing yet (`WouldBlock`): the read returned at once, empty.
    Nothing,
}

impl Pending {
    /// Connects to the server and sends the request. The socket stays
    /// blocking; each model sets it up as it needs.
    pub fn send(addr: SocketAddr, id: u64) -> io::Result<Pending> {
        let mut stream = TcpStream::connect(addr)?;
        stream.write_all(&request(addr, id))?;
        Ok(Pending {
            id,
            stream,
            answer: Vec::new(),
        })
    }

    /// On a non-blocking socket: reads everything that has arrived, until
    /// the read would block or the server has closed.
    pub fn read_ready(&mut self) -> io::Result<Progress> {
        let mut buf = [0; 4096];
        let mut progress = Progress::Nothing;
        loop {
            match self.stream.read(&mut buf) {
                Ok(0) => return Ok(Progress::Complete),
                Ok(n) => {
                    self.answer.extend_from_slice(&buf[..n]);
                    progress = Progress::Partial;
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(progress),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Checks the whole answer (see [`check_answer`]).
    pub fn check(&self) -> Result<(), String> {
        check_answer(self.id, &self.answer)
    }
}
// ANCHOR_END: pending

/// Sends every page's request: the models all start from here.
pub fn send_all(addr: SocketAddr, settings: &Settings) -> Result<Vec<Pending>, String> {
    page_ids(settings)
        .map(|id| Pending::send(addr, id).map_err(|e| format!("page {id}: {e}")))
        .collect()
}

/// Checks every answer and counts the pages.
pub fn check_all(done: &[Pending]) -> Result<usize, String> {
    for p in done {
        p.check()?;
    }
    Ok(done.len())
}

/// What the timeline shows when a model is done: how many requests the
/// server had waiting at once (all of them, if the model really waited for
/// them together).
pub struct Done {
    pub server_peak: u64,
}

impl fmt::Debug for Done {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "peak {}", self.server_peak)
    }
}
