//! The reactor: an epoll instance (through the `polling` crate) that the
//! runtime's thread sleeps in when no task is woken, and a non-blocking
//! `TcpStream` whose reads and writes ask it to wake them when the socket
//! is ready. Each `block_on` has a reactor of its own: `polling` lets one
//! thread at a time wait on a poller.

use futures::io::{AsyncRead, AsyncWrite};
use polling::{Event, Events, Poller};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

// ANCHOR: reactor
pub struct Reactor {
    poller: Poller,
    /// The waker of the task waiting on each socket, by the socket's key.
    wakers: Mutex<HashMap<usize, Waker>>,
    next_key: AtomicUsize,
}

impl Reactor {
    pub fn new() -> io::Result<Reactor> {
        Ok(Reactor {
            poller: Poller::new()?,
            wakers: Mutex::default(),
            next_key: AtomicUsize::new(0),
        })
    }

    /// Sleeps until a socket asked about is ready, or until [`notify`]:
    /// then wakes the tasks whose sockets are ready.
    ///
    /// [`notify`]: Reactor::notify
    pub fn wait(&self) {
        let mut events = Events::new();
        self.poller
            .wait(&mut events, None)
            .expect("epoll_wait failed");
        let ready: Vec<Waker> = {
            let mut wakers = self.wakers.lock().unwrap();
            events
                .iter()
                .filter_map(|event| wakers.remove(&event.key))
                .collect()
        };
        ready.into_iter().for_each(Waker::wake); // with the lock let go
    }

    /// Drops the wakers still waiting, when the `block_on` ends.
    pub fn clear(&self) {
        self.wakers.lock().unwrap().clear();
    }

    /// Ends a [`wait`](Reactor::wait) now, or the next one at once if none
    /// is under way: a task woken by another thread must not sleep there.
    pub fn notify(&self) {
        self.poller
            .notify()
            .expect("could not notify the epoll instance");
    }
}
// ANCHOR_END: reactor

// ANCHOR: tcp_stream
/// A TCP connection whose reads and writes never block the thread: when
/// the socket is not ready they return `Pending`, and the reactor wakes
/// the task once it is. One operation at a time: a read and a write
/// waiting at once would share one waker (the HTTP client writes, then
/// reads).
pub struct TcpStream {
    socket: std::net::TcpStream,
    key: usize,
    reactor: Arc<Reactor>,
}

impl TcpStream {
    /// Connects to `addr`. (`std`'s connect blocks until the connection is
    /// made, which on loopback is at once; a real runtime connects without
    /// blocking too, waiting for the socket to become writable.)
    pub fn connect(addr: SocketAddr) -> io::Result<TcpStream> {
        let reactor = super::executor::current_reactor().ok_or_else(|| {
            io::Error::other("tiny::TcpStream::connect is called inside tiny::block_on")
        })?;
        let socket = std::net::TcpStream::connect(addr)?;
        socket.set_nonblocking(true)?;
        let key = reactor.next_key.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the socket is removed from the poller (in `drop`) before
        // it is closed.
        unsafe { reactor.poller.add(&socket, Event::none(key))? };
        Ok(TcpStream {
            socket,
            key,
            reactor,
        })
    }

    /// Tries `op`; if the socket is not ready, asks the reactor to wake this
    /// task when it is (`interest`), and returns `Pending`.
    fn poll_ready<T>(
        &self,
        cx: &mut Context<'_>,
        interest: Event,
        mut op: impl FnMut(&std::net::TcpStream) -> io::Result<T>,
    ) -> Poll<io::Result<T>> {
        match op(&self.socket) {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                // The waker first, then the interest: if the event came
                // first, it could find no waker, and the task would sleep
                // forever (a lost wake-up).
                let reactor = &self.reactor;
                reactor
                    .wakers
                    .lock()
                    .unwrap()
                    .insert(self.key, cx.waker().clone());
                reactor.poller.modify(&self.socket, interest)?;
                Poll::Pending
            }
            done => Poll::Ready(done),
        }
    }
}

impl AsyncRead for TcpStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut [u8],
    ) -> Poll<io::Result<usize>> {
        let key = self.key;
        self.poll_ready(cx, Event::readable(key), |mut socket| socket.read(buf))
    }
}

impl AsyncWrite for TcpStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let key = self.key;
        self.poll_ready(cx, Event::writable(key), |mut socket| socket.write(buf))
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(())) // a TcpStream keeps no buffer of its own
    }

    fn poll_close(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(self.socket.shutdown(Shutdown::Write))
    }
}

impl Drop for TcpStream {
    fn drop(&mut self) {
        let _ = self.reactor.poller.delete(&self.socket);
        self.reactor.wakers.lock().unwrap().remove(&self.key);
    }
}
// ANCHOR_END: tcp_stream
