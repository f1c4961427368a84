//! Wrong answer: non-blocking sockets, read in a loop until each is done,
//! with no `poll` at all.
//!
//! Why a student writes it: it is the busy polling of the chapter, and it
//! is fast: every answer is reported the moment it is whole. But the
//! thread never sleeps: it burns a core asking sockets that have nothing.

use std::io::{self, Read};
use std::net::TcpStream;

pub fn read_all(sockets: Vec<TcpStream>, mut whole: impl FnMut(usize, Vec<u8>)) -> io::Result<()> {
    for socket in &sockets {
        socket.set_nonblocking(true)?;
    }
    let mut answers = vec![Vec::new(); sockets.len()];
    let mut open: Vec<usize> = (0..sockets.len()).collect();
    let mut buf = [0; 4096];
    while !open.is_empty() {
        for i in open.clone() {
            match (&sockets[i]).read(&mut buf) {
                Ok(0) => {
                    open.retain(|&j| j != i);
                    whole(i, std::mem::take(&mut answers[i]));
                }
                Ok(n) => answers[i].extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}
