//! A connect with a time limit, written by hand: start a non-blocking
//! `connect` (it says `EINPROGRESS` while the TCP handshake goes on), wait
//! with `poll` until the socket is writable or the time is up, then ask the
//! socket how the handshake ended (`SO_ERROR`).
//!
//! Return the connected stream in blocking mode (as `TcpStream::connect`
//! gives it), an error of kind `TimedOut` if `limit` passes first, or the
//! handshake's own error (`ConnectionRefused` from a closed port).
//!
//! std's `TcpStream::connect_timeout` does this; the exercise is to write
//! it yourself with rustix (`rustix::net`, `rustix::event::poll`).

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::net::{AddressFamily, SocketFlags, SocketType, socket_with, sockopt};
use std::io;
use std::net::{SocketAddrV4, TcpStream};
use std::time::Duration;

pub fn connect_within(addr: SocketAddrV4, limit: Duration) -> io::Result<TcpStream> {
    // BEGIN SOLUTION
    let socket = socket_with(
        AddressFamily::INET,
        SocketType::STREAM,
        SocketFlags::NONBLOCK | SocketFlags::CLOEXEC,
        None,
    )?;
    match rustix::net::connect(&socket, &addr) {
        Ok(()) => {}                             // connected at once
        Err(rustix::io::Errno::INPROGRESS) => {} // the handshake goes on
        Err(e) => return Err(e.into()),
    }
    let timeout = Timespec::try_from(limit).map_err(|_| io::ErrorKind::InvalidInput)?;
    let mut fds = [PollFd::new(&socket, PollFlags::OUT)];
    if poll(&mut fds, Some(&timeout))? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!("no connection to {addr} within {limit:?}"),
        ));
    }
    // Writable: the handshake is over. Did it work?
    sockopt::socket_error(&socket)??;
    let stream = TcpStream::from(socket);
    stream.set_nonblocking(false)?;
    Ok(stream)
    // END SOLUTION
    // STARTER todo!("a non-blocking connect, a poll for writable with a timeout, then SO_ERROR")
}
