//! Wrong answer: takes "writable" as "connected", without asking `SO_ERROR`.
//!
//! Why a student writes it: the socket is writable once the connect is
//! over, and most connects work. A refused one is over too, and the socket
//! turns writable (and in error): only `SO_ERROR` says which it was.

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
    if poll(&mut fds, Some(&timeout))? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!("no connection to {addr} within {limit:?}"),
        ));
    }
    // Writable: the handshake is over. Did it work?
    let stream = TcpStream::from(socket);
    stream.set_nonblocking(false)?;
    Ok(stream)
}
