//! Wrong answer: `poll` with a timeout of zero, in a loop.
//!
//! Why a student writes it: a zero timeout looks safe (the call can never
//! hang), and the loop goes round until something is ready. But `poll`
//! then returns at once every time: it is busy polling again, one system
//! call per turn, and the thread never sleeps.

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use std::io::{self, Read};
use std::net::TcpStream;

pub fn read_all(sockets: Vec<TcpStream>, mut whole: impl FnMut(usize, Vec<u8>)) -> io::Result<()> {
    let mut answers = vec![Vec::new(); sockets.len()];
    // A ready socket is read until it would block, so a read never waits.
    for socket in &sockets {
        socket.set_nonblocking(true)?;
    }
    let mut open: Vec<usize> = (0..sockets.len()).collect();
    let mut buf = [0; 4096];
    while !open.is_empty() {
        let ready: Vec<usize> = {
            let mut fds: Vec<PollFd> = open
                .iter()
                .map(|&i| PollFd::new(&sockets[i], PollFlags::IN))
                .collect();
            poll(
                &mut fds,
                Some(&Timespec {
                    tv_sec: 0,
                    tv_nsec: 0,
                }),
            )?; // returns at once
            (0..fds.len())
                .filter(|&k| !fds[k].revents().is_empty())
                .map(|k| open[k])
                .collect()
        };
        for i in ready {
            loop {
                match (&sockets[i]).read(&mut buf) {
                    Ok(0) => {
                        open.retain(|&j| j != i); // the end: closed
                        whole(i, std::mem::take(&mut answers[i]));
                        break;
                    }
                    Ok(n) => answers[i].extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(())
}
