// Exercise `read_all`: replace the `todo` below with your code, then run
// `cargo exercise check read_all`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

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
    todo!("wait in poll until a socket is ready, read what it has, until every socket is closed")
}
