//! Many answers on one thread: each socket is connected, its request is
//! sent, and its server answers in pieces, some time later, then closes.
//! Read every socket to its end on the calling thread, waiting in `poll`
//! (`rustix::event::poll`) while none has anything to read, as a select
//! loop does: no thread per socket, no reading in turn, no spinning.
//!
//! Call `whole(i, bytes)` as soon as socket `i`'s answer is complete (its
//! server has closed), as `as_completed` would: the checker notes when each
//! call comes, and a socket whose answer is whole must not wait for others.

use rustix::event::{PollFd, PollFlags, poll};
use std::io::{self, Read};
use std::net::TcpStream;

pub fn read_all(sockets: Vec<TcpStream>, mut whole: impl FnMut(usize, Vec<u8>)) -> io::Result<()> {
    // BEGIN SOLUTION
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
            // Sleeps until at least one is ready. A signal can cut the sleep
            // short (EINTR): then just look again.
            match poll(&mut fds, None) {
                Ok(_) | Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
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
    // END SOLUTION
    // STARTER todo!("wait in poll until a socket is ready, read what it has, until every socket is closed")
}
