//! Wrong answer: a plain blocking `TcpStream::connect`, ignoring `limit`.
//!
//! Why a student writes it: it connects, refuses and returns a blocking
//! stream just as asked, and a connect on loopback never seems to hang.
//! Against a server that drops the handshake, it waits as long as the
//! kernel retries (about two minutes on Linux).

use std::io;
use std::net::{SocketAddrV4, TcpStream};
use std::time::Duration;

pub fn connect_within(addr: SocketAddrV4, limit: Duration) -> io::Result<TcpStream> {
    let _ = limit;
    TcpStream::connect(addr)
}
