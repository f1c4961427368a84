//! Wrong answer: takes `POLLERR` or `POLLHUP` in `revents` as "refused"
//! and returns `ConnectionRefused`, without asking `SO_ERROR`.
//!
//! Why a student writes it: a refused connect does come back writable
//! with `ERR | HUP` set, so the flags seem to say everything. But they say
//! only that the handshake failed, not why: an unreachable network or
//! host, a handshake the kernel gave up on (`ETIMEDOUT`), a firewall's
//! reset all turn into "refused", and the real error is lost. Ask the
//! socket (`sockopt::socket_error`) and return what it says.

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::net::{AddressFamily, SocketFlags, SocketType, socket_with};
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
        Ok(()) | Err(rustix::io::Errno::INPROGRESS) => {}
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
    // ERR or HUP: the other side said no.
    if fds[0].revents().intersects(PollFlags::ERR | PollFlags::HUP) {
        return Err(io::ErrorKind::ConnectionRefused.into());
    }
    let stream = TcpStream::from(socket);
    stream.set_nonblocking(false)?;
    Ok(stream)
}
