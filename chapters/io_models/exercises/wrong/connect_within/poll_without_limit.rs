//! Wrong answer: waits in `poll` with no timeout.
//!
//! Why a student writes it: the connect works in every quick test, where
//! the handshake is over in microseconds. Against a server that drops the
//! handshake, `poll(None)` waits as long as the kernel retries (about two
//! minutes on Linux), whatever `limit` says.

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::net::{AddressFamily, SocketFlags, SocketType, socket_with, sockopt};
use std::io;
use std::net::{SocketAddrV4, TcpStream};
use std::time::Duration;

pub fn connect_within(addr: SocketAddrV4, limit: Duration) -> io::Result<TcpStream> {
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
    let _ = timeout;
    if poll(&mut fds, None)? == 0 {
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
}
