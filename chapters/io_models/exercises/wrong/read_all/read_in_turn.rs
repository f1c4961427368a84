//! Wrong answer: reads each socket to its end, one after the other.
//!
//! Why a student writes it: every request was sent before `read_all` is
//! called, so the servers work at the same time anyway, and the total time
//! is the slowest one's. True, but an answer that is complete must wait
//! until every socket before it in the list is done: socket 0 holds up the
//! rest, as a blocking client does.

use std::io::{self, Read};
use std::net::TcpStream;

pub fn read_all(sockets: Vec<TcpStream>, mut whole: impl FnMut(usize, Vec<u8>)) -> io::Result<()> {
    for (i, mut socket) in sockets.into_iter().enumerate() {
        let mut answer = Vec::new();
        socket.read_to_end(&mut answer)?;
        whole(i, answer);
    }
    Ok(())
}
