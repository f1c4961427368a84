//! Wrong answer: `poll` with a 25 ms timeout, used as a timer: after each
//! wake it reads every open socket, ready or not, and ignores `revents`.
//!
//! Why a student writes it: a timeout "just in case" feels safer than
//! waiting forever, and reading every socket is simpler than finding the
//! ready ones. But the thread now wakes 40 times a second with nothing to
//! do, and each wake makes one `read` per open socket (most of them
//! `WouldBlock`): busy polling, slowed down. Wait with no timeout and read
//! only the sockets whose `revents` say so.

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use std::io::{self, Read};
use std::net::TcpStream;

pub fn read_all(sockets: Vec<TcpStream>, mut whole: impl FnMut(usize, Vec<u8>)) -> io::Result<()> {
    let mut answers = vec![Vec::new(); sockets.len()];
    for socket in &sockets {
        socket.set_nonblocking(true)?;
    }
    let mut open: Vec<usize> = (0..sockets.len()).collect();
    let mut buf = [0; 4096];
    let tick = Timespec {
        tv_sec: 0,
        tv_nsec: 25_000_000,
    };
    while !open.is_empty() {
        {
            let mut fds: Vec<PollFd> = open
                .iter()
                .map(|&i| PollFd::new(&sockets[i], PollFlags::IN))
                .collect();
            poll(&mut fds, Some(&tick))?; // wake every 25 ms, just in case
        }
        for i in open.clone() {
            loop {
                match (&sockets[i]).read(&mut buf) {
                    Ok(0) => {
                        open.retain(|&j| j != i);
                        whole(i, std::mem::take(&mut answers[i]));
                        break;
                    }
                    Ok(n) => answers[i].extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(())
}
