//! An event loop of callbacks, on epoll: the crawler of the Python
//! tutorials (`selectors` + callbacks), written in Rust. Each step of a
//! fetch registers the next step as the callback to call when its socket
//! is ready: connect, then send, then read, then read again...

use crate::scenario::*;
use harness::Settings;
use rustix::event::epoll;
use rustix::net::{AddressFamily, SocketFlags, SocketType, socket_with};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::fd::OwnedFd;
use std::rc::Rc;

// ANCHOR: event_loop
/// What to call when a socket is ready: it gets the loop back (to register
/// its next step) and the socket. `FnOnce`: each callback runs once.
pub type Callback = Box<dyn FnOnce(&mut EventLoop, TcpStream)>;

/// The loop keeps each waiting socket with its one callback, under a
/// number of its own (a *token*, as mio calls it) that epoll hands back
/// with each event. Sockets are watched `ONESHOT`: after one event the
/// kernel stops reporting a socket until its next callback re-arms it.
pub struct EventLoop {
    epoll: OwnedFd,
    waiting: HashMap<u64, (TcpStream, Callback)>,
    next_token: u64,
    /// How many callbacks ran.
    pub calls: u64,
}

impl EventLoop {
    pub fn new() -> io::Result<EventLoop> {
        Ok(EventLoop {
            epoll: epoll::create(epoll::CreateFlags::CLOEXEC)?,
            waiting: HashMap::new(),
            next_token: 0,
            calls: 0,
        })
    }

    /// Calls `callback` once `socket` can be written to (a connect is over).
    pub fn when_writable(
        &mut self,
        socket: TcpStream,
        callback: impl FnOnce(&mut EventLoop, TcpStream) + 'static,
    ) -> io::Result<()> {
        self.register(socket, epoll::EventFlags::OUT, Box::new(callback))
    }

    /// Calls `callback` once `socket` has data (or the peer has closed).
    pub fn when_readable(
        &mut self,
        socket: TcpStream,
        callback: impl FnOnce(&mut EventLoop, TcpStream) + 'static,
    ) -> io::Result<()> {
        self.register(socket, epoll::EventFlags::IN, Box::new(callback))
    }

    fn register(
        &mut self,
        socket: TcpStream,
        interest: epoll::EventFlags,
        callback: Callback,
    ) -> io::Result<()> {
        let (token, flags) = (self.next_token, interest | epoll::EventFlags::ONESHOT);
        self.next_token += 1;
        let data = epoll::EventData::new_u64(token);
        // A socket seen before is still in epoll's list, its one shot spent:
        // re-arm it. A new one (or one closed since: closing removes it) is
        // added.
        match epoll::modify(&self.epoll, &socket, data, flags) {
            Err(rustix::io::Errno::NOENT) => epoll::add(&self.epoll, &socket, data, flags)?,
            other => other?,
        }
        self.waiting.insert(token, (socket, callback));
        Ok(())
    }

    /// The loop itself: wait for ready sockets, call their callbacks, until
    /// no callback is left waiting. A callback that registers nothing drops
    /// its socket, which closes it.
    pub fn run(&mut self) -> io::Result<()> {
        let mut events = Vec::with_capacity(64);
        while !self.waiting.is_empty() {
            epoll::wait(
                &self.epoll,
                rustix::buffer::spare_capacity(&mut events),
                None,
            )?;
            for event in events.drain(..) {
                if let Some((socket, callback)) = self.waiting.remove(&event.data.u64()) {
                    self.calls += 1;
                    callback(self, socket);
                }
            }
        }
        Ok(())
    }
}
// ANCHOR_END: event_loop

/// The pages fetched so far, or their errors, shared by every callback.
type Results = Rc<RefCell<Vec<Result<u64, String>>>>;

// ANCHOR: fetch
/// Step 1: a non-blocking connect, then wait until the socket is writable.
pub fn fetch(event_loop: &mut EventLoop, addr: SocketAddr, id: u64, results: Results) {
    let failed = |results: &Results, e: &dyn std::fmt::Display| {
        results.borrow_mut().push(Err(format!("page {id}: {e}")))
    };
    let flags = SocketFlags::NONBLOCK | SocketFlags::CLOEXEC;
    let socket = match socket_with(AddressFamily::INET, SocketType::STREAM, flags, None) {
        Ok(socket) => TcpStream::from(socket),
        Err(e) => return failed(&results, &e),
    };
    match rustix::net::connect(&socket, &addr) {
        Ok(()) | Err(rustix::io::Errno::INPROGRESS) => {}
        Err(e) => return failed(&results, &e),
    }
    let next = {
        let results = results.clone();
        move |event_loop: &mut EventLoop, socket| connected(event_loop, socket, addr, id, results)
    };
    if let Err(e) = event_loop.when_writable(socket, next) {
        failed(&results, &e);
    }
}

/// Step 2: the connect is over; send the request, then wait for the answer.
/// (A refused connect shows here: the write fails.)
fn connected(
    event_loop: &mut EventLoop,
    mut socket: TcpStream,
    addr: SocketAddr,
    id: u64,
    results: Results,
) {
    // A request this small fits in the socket's empty send buffer at once.
    if let Err(e) = socket.write_all(&request(addr, id)) {
        return results.borrow_mut().push(Err(format!("page {id}: {e}")));
    }
    wait_for_more(event_loop, socket, id, Vec::new(), results);
}

/// Step 3, again and again: read what came; at the end of the answer,
/// check it; otherwise wait for more.
fn readable(
    event_loop: &mut EventLoop,
    mut socket: TcpStream,
    id: u64,
    mut answer: Vec<u8>,
    results: Results,
) {
    let mut buf = [0; 4096];
    match socket.read(&mut buf) {
        Ok(0) => results
            .borrow_mut()
            .push(check_answer(id, &answer).map(|()| id)),
        Ok(n) => {
            answer.extend_from_slice(&buf[..n]);
            wait_for_more(event_loop, socket, id, answer, results);
        }
        // Woken, and yet nothing to read: wait again.
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
            wait_for_more(event_loop, socket, id, answer, results)
        }
        Err(e) => results.borrow_mut().push(Err(format!("page {id}: {e}"))),
    }
}

/// Registers step 3 for this socket, carrying the answer so far.
fn wait_for_more(
    event_loop: &mut EventLoop,
    socket: TcpStream,
    id: u64,
    answer: Vec<u8>,
    results: Results,
) {
    let error_to = results.clone();
    let next =
        move |event_loop: &mut EventLoop, socket| readable(event_loop, socket, id, answer, results);
    if let Err(e) = event_loop.when_readable(socket, next) {
        error_to.borrow_mut().push(Err(format!("page {id}: {e}")));
    }
}
// ANCHOR_END: fetch

// ANCHOR: crawl
/// Starts every fetch, then runs the loop until all callbacks are done.
pub fn crawl(addr: SocketAddr, settings: &Settings) -> Result<Report, String> {
    let meter = Meter::start();
    let mut event_loop = EventLoop::new().map_err(|e| e.to_string())?;
    let results: Results = Rc::default();
    for id in page_ids(settings) {
        fetch(&mut event_loop, addr, id, results.clone());
    }
    event_loop.run().map_err(|e| e.to_string())?;
    let results = results.take();
    let pages = results.into_iter().collect::<Result<Vec<u64>, String>>()?;
    let note = format!("~{} callbacks", event_loop.calls);
    Ok(meter.report(settings, pages.len(), note))
}
// ANCHOR_END: crawl
