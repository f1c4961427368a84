//! Wrong answer: waits in `poll`, then reads a ready socket to its end.
//!
//! Why a student writes it: `poll` said the socket is ready, so reading
//! it whole seems safe. Ready means some bytes are there, not all of them:
//! `read_to_end` blocks until that server closes, and every other socket
//! waits meanwhile.

use rustix::event::{PollFd, PollFlags, poll};
use std::io::{self, Read};
use std::net::TcpStream;

pub fn read_all(sockets: Vec<TcpStream>, mut whole: impl FnMut(usize, Vec<u8>)) -> io::Result<()> {
    let mut open: Vec<usize> = (0..sockets.len()).collect();
    while !open.is_empty() {
        let ready: Vec<usize> = {
            let mut fds: Vec<PollFd> = open
                .iter()
                .map(|&i| PollFd::new(&sockets[i], PollFlags::IN))
                .collect();
            poll(&mut fds, None)?;
            (0..fds.len())
                .filter(|&k| !fds[k].revents().is_empty())
                .map(|k| open[k])
                .collect()
        };
        for i in ready {
            let mut answer = Vec::new();
            (&sockets[i]).read_to_end(&mut answer)?;
            open.retain(|&j| j != i);
            whole(i, answer);
        }
    }
    Ok(())
}
