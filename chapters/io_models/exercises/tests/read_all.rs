//! Checks for `read_all`. A test server, on one thread of its own, answers
//! each socket in two pieces at times drawn for the run, then closes it.
//! Socket 0 gets its first piece first and closes last, after a long quiet
//! spell, so a reader that waits for one socket to finish before it looks
//! at the others is late for every other one, and a reader that wakes on a
//! timer wakes many times for nothing. The checks note when each answer is
//! reported against when its socket was really closed, how much CPU the
//! calling thread burned, how often it went to sleep, and whether any
//! thread was started.
//!
//! The checks are one test, run in turn: the test harness starts a thread
//! per test, which would look like a thread started by `read_all`.

use exercise_support::random_values;
use io_models_exercises::read_all::read_all;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How many sockets each run reads.
const SOCKETS: usize = 8;
/// The longest a whole answer may wait to be reported after its socket
/// closed: a thread woken by `poll` takes microseconds.
const LATE: Duration = Duration::from_millis(80);

/// When socket `i`'s two pieces leave, after the server's start.
struct Plan {
    first: Duration,
    close: Duration,
    pieces: (String, String),
}

fn plans() -> Vec<Plan> {
    let n = SOCKETS;
    let values = random_values(2 * n);
    let ms = |m: u32| Duration::from_millis(m.into());
    (0..n)
        .map(|i| {
            let (first, close) = if i == 0 {
                (ms(30), ms(1500)) // first to start, last to end
            } else {
                let first = 60 + values[i] % 150;
                (ms(first), ms(first + 40 + values[n + i] % 60))
            };
            Plan {
                first,
                close,
                pieces: (
                    format!("answer {} begins;", values[i]),
                    format!(" ends {}", values[n + i]),
                ),
            }
        })
        .collect()
}

/// The ids of this process's threads now.
fn thread_ids() -> BTreeSet<String> {
    std::fs::read_dir("/proc/self/task")
        .map(|tasks| {
            tasks
                .filter_map(|t| Some(t.ok()?.file_name().to_string_lossy().into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// This thread's CPU time and how many times it went to sleep.
fn thread_usage() -> (Duration, i64) {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct and keeps no pointer.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_THREAD, usage.as_mut_ptr());
        usage.assume_init()
    };
    let t = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    (t(usage.ru_utime) + t(usage.ru_stime), usage.ru_nvcsw)
}

struct Run {
    plans: Vec<Plan>,
    /// When each socket was really closed, after the server's start.
    closed: Vec<Duration>,
    /// (socket, bytes, when reported, after the server's start)
    reported: Vec<(usize, Vec<u8>, Duration)>,
    cpu: Duration,
    sleeps: i64,
    took: Duration,
    /// Threads that appeared while `read_all` ran (the server's excepted).
    new_threads: usize,
    result: std::io::Result<()>,
}

/// Connects the sockets to a test server, then calls `read_all` on them.
fn run() -> Run {
    let (n, plans) = (SOCKETS, plans());
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let sockets: Vec<TcpStream> = (0..n)
        .map(|i| {
            let mut s = TcpStream::connect(addr).unwrap();
            s.write_all(&[i as u8]).unwrap(); // the request: which socket this is
            s
        })
        .collect();
    let schedule: Vec<(Duration, usize, bool)> = {
        let mut events: Vec<_> = plans
            .iter()
            .enumerate()
            .flat_map(|(i, p)| [(p.first, i, false), (p.close, i, true)])
            .collect();
        events.sort();
        events
    };
    let pieces: Vec<(String, String)> = plans.iter().map(|p| p.pieces.clone()).collect();
    let closed = Arc::new(Mutex::new(vec![Duration::ZERO; n]));
    let new_threads = Arc::new(Mutex::new(BTreeSet::new()));
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    let server = {
        let (closed, new_threads) = (closed.clone(), new_threads.clone());
        std::thread::spawn(move || {
            let mut accepted: Vec<Option<TcpStream>> = (0..n).map(|_| None).collect();
            for _ in 0..n {
                let (mut s, _) = listener.accept().unwrap();
                let mut which = [0];
                s.read_exact(&mut which).unwrap();
                accepted[which[0] as usize] = Some(s);
            }
            // Every thread there is now, this one included, is not read_all's.
            let before = thread_ids();
            let start = Instant::now();
            started_tx.send(start).unwrap();
            let look = |new_threads: &Mutex<BTreeSet<String>>| {
                let now: BTreeSet<String> = thread_ids().difference(&before).cloned().collect();
                new_threads.lock().unwrap().extend(now);
            };
            for (at, i, close) in schedule {
                // Look for new threads every 20 ms until the event is due.
                while let Some(wait) = at.checked_sub(start.elapsed()) {
                    look(&new_threads);
                    std::thread::sleep(wait.min(Duration::from_millis(20)));
                }
                let s = accepted[i].as_mut().unwrap();
                if close {
                    s.write_all(pieces[i].1.as_bytes()).unwrap();
                    accepted[i] = None; // closes it
                    closed.lock().unwrap()[i] = start.elapsed();
                } else {
                    s.write_all(pieces[i].0.as_bytes()).unwrap();
                }
            }
        })
    };
    let start = started_rx.recv().unwrap();
    let (cpu_before, sleeps_before) = thread_usage();
    let mut reported = Vec::new();
    let result = read_all(sockets, |i, bytes| {
        reported.push((i, bytes, start.elapsed()))
    });
    let took = start.elapsed();
    let (cpu_after, sleeps_after) = thread_usage();
    server.join().unwrap();
    let closed = closed.lock().unwrap().clone();
    let new_threads = new_threads.lock().unwrap().len();
    Run {
        plans,
        closed,
        reported,
        cpu: cpu_after - cpu_before,
        sleeps: sleeps_after - sleeps_before,
        took,
        new_threads,
        result,
    }
}

fn every_answer_is_reported_once_and_whole(r: &Run) {
    let mut seen: Vec<usize> = r.reported.iter().map(|(i, _, _)| *i).collect();
    seen.sort();
    assert_eq!(
        seen,
        (0..SOCKETS).collect::<Vec<_>>(),
        "each of the {SOCKETS} sockets must be reported exactly once"
    );
    for (i, bytes, _) in &r.reported {
        let (a, b) = &r.plans[*i].pieces;
        assert_eq!(
            String::from_utf8_lossy(bytes),
            format!("{a}{b}"),
            "socket {i}'s answer came in two pieces: read until the server closes (read returns 0), not just once"
        );
    }
}

fn each_answer_is_reported_when_it_is_whole(r: &Run) {
    for (i, _, at) in &r.reported {
        let closed = r.closed[*i];
        assert!(
            at.saturating_sub(closed) < LATE,
            "socket {i} was closed at {closed:?} but reported at {at:?}: while you waited on one socket \
             (a blocking read, read_to_end, a read with a timeout) or on a timer, it was ready and nobody \
             read it. Wait for all at once with poll, and read only what is there"
        );
    }
}

fn waiting_burns_no_cpu_and_wakes_only_for_data(r: &Run) {
    assert!(
        r.cpu < r.took / 5,
        "the calling thread used {:?} of CPU in {:?}: it spun instead of sleeping. Let poll wait \
         (no zero timeout, no loop on WouldBlock)",
        r.cpu,
        r.took
    );
    // Two pieces of data a socket: a poll loop sleeps about that many times.
    let most = 2 * SOCKETS as i64 + 10;
    assert!(
        r.sleeps <= most,
        "the calling thread went to sleep {} times in {:?} for {} pieces of data, most of them during \
         a quiet spell of over a second: it wakes on a timer (a poll timeout, a read timeout, a sleep). \
         Let poll sleep, with no timeout, until something is ready",
        r.sleeps,
        r.took,
        2 * SOCKETS
    );
}

fn everything_happens_on_the_calling_thread(r: &Run) {
    assert_eq!(
        r.new_threads, 0,
        "threads were started while read_all ran: the point is one thread waiting on every socket at \
         once (poll), not a thread per socket"
    );
}

#[test]
fn read_all_reads_every_socket_on_one_thread_as_each_answer_completes() {
    let r = run();
    r.result.as_ref().expect("read_all returned an error");
    every_answer_is_reported_once_and_whole(&r);
    each_answer_is_reported_when_it_is_whole(&r);
    waiting_burns_no_cpu_and_wakes_only_for_data(&r);
    everything_happens_on_the_calling_thread(&r);
}
