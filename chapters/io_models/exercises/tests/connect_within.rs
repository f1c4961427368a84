//! Checks for `connect_within`, on loopback: a listener that accepts, a
//! port nobody listens on, and a listener whose queue of connections is
//! full (backlog 0, one connection waiting), where the kernel drops a new
//! connection's handshake and a connect hangs, as with a far-away server
//! that does not answer.

use io_models_exercises::connect_within::connect_within;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddrV4, TcpListener, TcpStream};
use std::time::{Duration, Instant};

fn v4(listener: &TcpListener) -> SocketAddrV4 {
    match listener.local_addr().unwrap() {
        std::net::SocketAddr::V4(a) => a,
        other => panic!("not IPv4: {other}"),
    }
}

/// The CPU time the calling thread has used.
fn thread_cpu() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct and keeps no pointer.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_THREAD, usage.as_mut_ptr());
        usage.assume_init()
    };
    let t = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    t(usage.ru_utime) + t(usage.ru_stime)
}

/// Calls `connect_within` on a thread of its own, so that a connect that
/// ignores the limit fails the check instead of hanging it. Returns its
/// result, how long it took, and the CPU time it used.
fn connect_or_hang(
    addr: SocketAddrV4,
    limit: Duration,
) -> (std::io::Result<TcpStream>, Duration, Duration) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (started, cpu) = (Instant::now(), thread_cpu());
        let result = connect_within(addr, limit);
        let _ = tx.send((result, started.elapsed(), thread_cpu() - cpu));
    });
    rx.recv_timeout(limit + Duration::from_secs(3)).unwrap_or_else(|_| {
        panic!(
            "connect_within({addr}, {limit:?}) had not returned after {:?}: it waits without a time limit \
             (a blocking connect, or a poll with no timeout)",
            limit + Duration::from_secs(3)
        )
    })
}

/// How many sockets of this machine are in the middle of a connect (TCP
/// state SYN_SENT, 02 in /proc/net/tcp) to `port`.
fn connecting_to(port: u16) -> usize {
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    let port = format!(":{port:04X}");
    table
        .lines()
        .skip(1)
        .filter(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            fields.len() > 3 && fields[2].ends_with(&port) && fields[3] == "02"
        })
        .count()
}

#[test]
fn connects_and_gives_a_blocking_stream() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = v4(&listener);
    let word = exercise_support::random_word();
    let server = {
        let word = word.clone();
        std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            std::thread::sleep(Duration::from_millis(100));
            s.write_all(word.as_bytes()).unwrap();
        })
    };
    let (result, _, _) = connect_or_hang(addr, Duration::from_secs(2));
    let mut stream = result.unwrap_or_else(|e| {
        panic!("connecting to a listening port failed: {e} ({:?}); EINPROGRESS from a non-blocking connect is not a failure", e.kind())
    });
    let mut got = String::new();
    let read = stream.read_to_string(&mut got);
    assert!(
        read.is_ok(),
        "reading the returned stream failed with {read:?}: give it back in blocking mode (set_nonblocking(false)), as TcpStream::connect does"
    );
    assert_eq!(got, word, "the stream must be connected to the server");
    server.join().unwrap();
}

#[test]
fn a_closed_port_is_refused() {
    let closed = v4(&TcpListener::bind("127.0.0.1:0").unwrap()); // closed again at once
    let (result, took, _) = connect_or_hang(closed, Duration::from_secs(2));
    match result {
        Err(e) => assert_eq!(
            e.raw_os_error(),
            Some(libc::ECONNREFUSED),
            "a port nobody listens on must give the handshake's own error, ECONNREFUSED (what SO_ERROR \
             says, as an io::Error), got {e} ({:?})",
            e.kind()
        ),
        Ok(_) => panic!(
            "connect_within returned a stream to a port nobody listens on: writable means the handshake is over, \
             not that it worked; ask SO_ERROR (sockopt::socket_error)"
        ),
    }
    assert!(
        took < Duration::from_secs(1),
        "a refusal comes at once; it took {took:?}"
    );
}

#[test]
fn a_connect_that_hangs_times_out_at_the_limit() {
    use rustix::net::{AddressFamily, SocketType, bind, listen, socket};
    // A listener with a backlog of 0 that never accepts: the first
    // connection fills its queue, and the next handshakes are dropped.
    let listener = socket(AddressFamily::INET, SocketType::STREAM, None).unwrap();
    bind(&listener, &SocketAddrV4::new([127, 0, 0, 1].into(), 0)).unwrap();
    listen(&listener, 0).unwrap();
    let addr = match rustix::net::getsockname(&listener)
        .unwrap()
        .try_into()
        .unwrap()
    {
        std::net::SocketAddr::V4(a) => a,
        other => panic!("not IPv4: {other}"),
    };
    let _queued = TcpStream::connect(addr).unwrap();
    let limit = Duration::from_millis(300 + u64::from(exercise_support::random_values(1)[0]) % 300);
    let (result, took, cpu) = connect_or_hang(addr, limit);
    match result {
        Err(e) => assert_eq!(
            e.kind(),
            ErrorKind::TimedOut,
            "the limit passed: expected TimedOut, got {e}"
        ),
        Ok(_) => panic!("connect_within connected to a listener that drops every handshake"),
    }
    assert!(
        took >= limit && took < limit + Duration::from_millis(500),
        "with a limit of {limit:?}, connect_within gave up after {took:?}: wait the whole limit, no more"
    );
    assert!(
        cpu < limit / 5,
        "connect_within used {cpu:?} of CPU while it waited {took:?}: it spun. Let poll wait, with the \
         limit as its timeout"
    );
    let still_trying = connecting_to(addr.port());
    assert_eq!(
        still_trying,
        0,
        "connect_within gave up, but a connect to port {} is still going on (a socket in SYN_SENT): \
         a timed-out connect must be abandoned, its socket closed, not left running on another thread",
        addr.port()
    );
}
