//! Wrong answer: a plain blocking `TcpStream::connect` on a new thread,
//! and `recv_timeout(limit)` on a channel for its result.
//!
//! Why a student writes it: it is the usual way to put a time limit on any
//! blocking call, and every result is right, `TimedOut` at the limit
//! included. But the limit only stops the *waiting*: the connect goes on,
//! on a thread nobody joins, with a socket nobody closes, until the kernel
//! gives up on the handshake (about two minutes of SYN retries). A program
//! that calls it in a loop piles up threads and half-open sockets. A
//! non-blocking connect and a `poll` with a timeout end it all at the limit.

use std::io;
use std::net::{SocketAddrV4, TcpStream};
use std::time::Duration;

pub fn connect_within(addr: SocketAddrV4, limit: Duration) -> io::Result<TcpStream> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(TcpStream::connect(addr));
    });
    match rx.recv_timeout(limit) {
        Ok(result) => result,
        Err(_) => Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!("no connection to {addr} within {limit:?}"),
        )),
    }
}
