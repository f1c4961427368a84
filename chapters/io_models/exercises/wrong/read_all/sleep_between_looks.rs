//! Wrong answer: looks at every socket without waiting, then sleeps a
//! millisecond, and again.
//!
//! Why a student writes it: after seeing the busy loop burn a core, a short
//! sleep fixes the CPU. But the thread now wakes a thousand times a second
//! to find nothing, and each answer waits up to a sleep to be seen. Let
//! `poll` sleep until something is ready instead.

use rustix::event::{PollFd, PollFlags, poll};
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
                Some(&rustix::event::Timespec {
                    tv_sec: 0,
                    tv_nsec: 0,
                }),
            )?;
            std::thread::sleep(std::time::Duration::from_millis(1)); // not to spin
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
