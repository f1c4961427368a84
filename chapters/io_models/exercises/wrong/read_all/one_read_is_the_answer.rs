//! Wrong answer: takes what one `read` returns as the whole answer.
//!
//! Why a student writes it: on a quick local test, a small answer often
//! arrives in one piece, so one read gets it all. TCP is a stream, not
//! messages: an answer may come in any number of pieces, and only a read
//! that returns 0 (the server closed) says it is complete.

use rustix::event::{PollFd, PollFlags, poll};
use std::io::{self, Read};
use std::net::TcpStream;

pub fn read_all(sockets: Vec<TcpStream>, mut whole: impl FnMut(usize, Vec<u8>)) -> io::Result<()> {
    let mut open: Vec<usize> = (0..sockets.len()).collect();
    let mut buf = [0; 4096];
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
            let n = (&sockets[i]).read(&mut buf)?;
            open.retain(|&j| j != i);
            whole(i, buf[..n].to_vec());
        }
    }
    Ok(())
}
