//! Wrong answer: calls `connect` again and again on the non-blocking
//! socket until it says `EISCONN` (connected) or another error, checking
//! the clock between tries.
//!
//! Why a student writes it: a second `connect` on a socket whose handshake
//! is going on says `EALREADY`, then `EISCONN` once it is over, so the
//! loop gets every answer right and stops at the limit. But it never
//! sleeps: it is busy polling, and keeps a core at 100% for the whole
//! limit. `poll` for writable sleeps until the handshake is over.

use rustix::io::Errno;
use rustix::net::{AddressFamily, SocketFlags, SocketType, socket_with};
use std::io;
use std::net::{SocketAddrV4, TcpStream};
use std::time::{Duration, Instant};

pub fn connect_within(addr: SocketAddrV4, limit: Duration) -> io::Result<TcpStream> {
    let start = Instant::now();
    let socket = socket_with(
        AddressFamily::INET,
        SocketType::STREAM,
        SocketFlags::NONBLOCK | SocketFlags::CLOEXEC,
        None,
    )?;
    loop {
        match rustix::net::connect(&socket, &addr) {
            Ok(()) | Err(Errno::ISCONN) => break,
            Err(Errno::INPROGRESS) | Err(Errno::ALREADY) => {
                if start.elapsed() >= limit {
                    return Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        format!("no connection to {addr} within {limit:?}"),
                    ));
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    let stream = TcpStream::from(socket);
    stream.set_nonblocking(false)?;
    Ok(stream)
}
