//! Wrong answer: returns the stream still in non-blocking mode.
//!
//! Why a student writes it: the connect worked, so the job looks done. But
//! the caller gets a stream whose reads return `WouldBlock` at once
//! instead of waiting, unlike the one `TcpStream::connect` gives.

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
    sockopt::socket_error(&socket)??;
    let stream = TcpStream::from(socket);
    Ok(stream)
}
