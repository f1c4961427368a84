//! Wrong answer: blocking reads with a short read timeout
//! (`set_read_timeout(15 ms)`), taking the sockets in turn.
//!
//! Why a student writes it: a plain blocking read in turn was late, so a
//! timeout stops one quiet socket from holding up the others, and there is
//! no spinning: the thread sleeps inside `read`. But it sleeps on one
//! socket at a time, so an answer that comes on another one waits for the
//! timeouts in between, and the thread wakes every 15 ms for nothing. That
//! is polling on a timer; `poll` waits on every socket at once.

use std::io::{self, Read};
use std::net::TcpStream;
use std::time::Duration;

pub fn read_all(sockets: Vec<TcpStream>, mut whole: impl FnMut(usize, Vec<u8>)) -> io::Result<()> {
    let mut answers = vec![Vec::new(); sockets.len()];
    for socket in &sockets {
        socket.set_read_timeout(Some(Duration::from_millis(15)))?;
    }
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
                // The timeout: nothing on this one yet, try the next.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}
