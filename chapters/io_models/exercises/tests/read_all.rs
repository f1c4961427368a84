//! Checks for `read_all`. A test server, on one thread of its own, answers
//! each socket in two pieces at times drawn for the run, then closes it.
//! Socket 0 gets its first piece first and closes last, so a reader that
//! waits for one socket to finish before it looks at the others is late
//! for every other one. The checks note when each answer is reported, how
//! much CPU the calling thread burned, how often it went to sleep, and
//! whether threads were started.

use exercise_support::random_values;
use io_models_exercises::read_all::read_all;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// When socket `i`'s two pieces leave, after the server's start.
struct Plan {
    first: Duration,
    close: Duration,
    pieces: (String, String),
}

fn plans(n: usize) -> Vec<Plan> {
    let values = random_values(2 * n);
    (0..n)
        .map(|i| {
            let ms = |m: u32| Duration::from_millis(m.into());
            let (first, close) = if i == 0 {
                (ms(30), ms(600)) // first to start, last to end
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

/// Threads of this process named like the calling thread: the caller and
/// the threads it started (a new thread takes its starter's name).
fn threads_named_like(name: &str) -> usize {
    std::fs::read_dir("/proc/self/task")
        .map(|tasks| {
            tasks
                .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
                .filter(|comm| comm.trim_end() == name)
                .count()
        })
        .unwrap_or(0)
}

fn my_thread_name() -> String {
    std::fs::read_to_string("/proc/thread-self/comm")
        .unwrap()
        .trim_end()
        .to_string()
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
    /// (socket, bytes, when reported, after the server's start)
    reported: Vec<(usize, Vec<u8>, Duration)>,
    cpu: Duration,
    sleeps: i64,
    took: Duration,
    most_threads: usize,
    result: std::io::Result<()>,
}

/// Connects `n` sockets to a test server, then calls `read_all` on them.
fn run(n: usize) -> Run {
    let plans = plans(n);
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
    let me = my_thread_name();
    let most_threads = Arc::new(AtomicUsize::new(0));
    let seen = most_threads.clone();
    let (started_tx, started_rx) = std::sync::mpsc::channel();
    let server = std::thread::Builder::new()
        .name("test-server".into())
        .spawn(move || {
            let mut accepted: Vec<Option<TcpStream>> = (0..n).map(|_| None).collect();
            for _ in 0..n {
                let (mut s, _) = listener.accept().unwrap();
                let mut which = [0];
                s.read_exact(&mut which).unwrap();
                accepted[which[0] as usize] = Some(s);
            }
            let start = Instant::now();
            started_tx.send(start).unwrap();
            for (at, i, close) in schedule {
                if let Some(wait) = at.checked_sub(start.elapsed()) {
                    std::thread::sleep(wait);
                }
                seen.fetch_max(threads_named_like(&me), Ordering::SeqCst);
                let s = accepted[i].as_mut().unwrap();
                if close {
                    s.write_all(pieces[i].1.as_bytes()).unwrap();
                    accepted[i] = None; // closes it
                } else {
                    s.write_all(pieces[i].0.as_bytes()).unwrap();
                }
            }
        })
        .unwrap();
    let start = started_rx.recv().unwrap();
    let (cpu_before, sleeps_before) = thread_usage();
    let mut reported = Vec::new();
    let result = read_all(sockets, |i, bytes| {
        reported.push((i, bytes, start.elapsed()))
    });
    let took = start.elapsed();
    let (cpu_after, sleeps_after) = thread_usage();
    server.join().unwrap();
    Run {
        plans,
        reported,
        cpu: cpu_after - cpu_before,
        sleeps: sleeps_after - sleeps_before,
        took,
        most_threads: most_threads.load(Ordering::SeqCst),
        result,
    }
}

#[test]
fn every_answer_is_reported_once_and_whole() {
    let r = run(8);
    r.result.as_ref().expect("read_all returned an error");
    let mut seen: Vec<usize> = r.reported.iter().map(|(i, _, _)| *i).collect();
    seen.sort();
    assert_eq!(
        seen,
        (0..8).collect::<Vec<_>>(),
        "each of the 8 sockets must be reported exactly once"
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

#[test]
fn each_answer_is_reported_when_it_is_whole_not_after_the_others() {
    let r = run(12);
    r.result.as_ref().expect("read_all returned an error");
    for (i, _, at) in &r.reported {
        let closed = r.plans[*i].close;
        let late = at.saturating_sub(closed);
        assert!(
            late < Duration::from_millis(150),
            "socket {i} was closed at {closed:?} but reported at {at:?}: while you waited on one socket \
             (a blocking read, read_to_end), the others were ready and nobody read them. Wait for all at \
             once with poll, and read only what is there"
        );
    }
}

#[test]
fn waiting_burns_no_cpu() {
    let r = run(8);
    r.result.as_ref().expect("read_all returned an error");
    assert!(
        r.cpu < r.took / 5,
        "the calling thread used {:?} of CPU in {:?}: it spun instead of sleeping. Let poll wait (no zero timeout, no loop on WouldBlock)",
        r.cpu,
        r.took
    );
    // 8 sockets, 2 pieces each: a poll loop sleeps about 16 times.
    assert!(
        r.sleeps <= 60,
        "the calling thread went to sleep {} times in {:?} for 16 pieces of data: it polls on a timer \
         (sleep, then look). Let poll sleep until something is ready",
        r.sleeps,
        r.took
    );
}

#[test]
fn everything_happens_on_the_calling_thread() {
    let r = run(8);
    r.result.as_ref().expect("read_all returned an error");
    assert!(
        r.most_threads <= 1,
        "{} threads were running where one should: the point is one thread waiting on every socket at once (poll), \
         not a thread per socket",
        r.most_threads
    );
}
