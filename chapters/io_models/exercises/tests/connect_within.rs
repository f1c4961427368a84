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

/// Calls `connect_within` on a thread of its own, so that a connect that
/// ignores the limit fails the check instead of hanging it.
fn connect_or_hang(addr: SocketAddrV4, limit: Duration) -> (std::io::Result<TcpStream>, Duration) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let started = Instant::now();
        let result = connect_within(addr, limit);
        let _ = tx.send((result, started.elapsed()));
    });
    rx.recv_timeout(limit + Duration::from_secs(3)).unwrap_or_else(|_| {
        panic!(
            "connect_within({addr}, {limit:?}) had not returned after {:?}: it waits without a time limit \
             (a blocking connect, or a poll with no timeout)",
            limit + Duration::from_secs(3)
        )
    })
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
    let (result, _) = connect_or_hang(addr, Duration::from_secs(2));
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
    let (result, took) = connect_or_hang(closed, Duration::from_secs(2));
    match result {
        Err(e) => assert_eq!(
            e.kind(),
            ErrorKind::ConnectionRefused,
            "a port nobody listens on must give ConnectionRefused, got {e}"
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
    let (result, took) = connect_or_hang(addr, limit);
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
}
