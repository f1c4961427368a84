// Exercise `connect_within`: replace the `todo` below with your code, then run
// `cargo exercise check connect_within`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! A connect with a time limit, written by hand: start a non-blocking
//! `connect` (it says `EINPROGRESS` while the TCP handshake goes on), wait
//! with `poll` until the socket is writable or the time is up, then ask the
//! socket how the handshake ended (`SO_ERROR`).
//!
//! Return the connected stream in blocking mode (as `TcpStream::connect`
//! gives it), an error of kind `TimedOut` if `limit` passes first, or the
//! handshake's own error (`ConnectionRefused` from a closed port).
//!
//! std's `TcpStream::connect_timeout` does this; the exercise is to write
//! it yourself with rustix (`rustix::net`, `rustix::event::poll`).

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::net::{AddressFamily, SocketFlags, SocketType, socket_with, sockopt};
use std::io;
use std::net::{SocketAddrV4, TcpStream};
use std::time::Duration;

pub fn connect_within(addr: SocketAddrV4, limit: Duration) -> io::Result<TcpStream> {
    todo!("a non-blocking connect, a poll for writable with a timeout, then SO_ERROR")
}
