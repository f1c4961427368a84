//! An event loop as a queue of callbacks, on epoll: the crawler of the
//! Python tutorials (`selectors` + callbacks), written in Rust. Each step
//! of a fetch registers the next step as the callback to call when its
//! socket is ready: connect, then send, then read, then read again...

use crate::scenario::*;
use harness::Settings;
use rustix::event::epoll;
use rustix::net::{AddressFamily, SocketFlags, SocketType, socket_with};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::rc::Rc;

// ANCHOR: event_loop
/// What to call when a socket is ready. It gets the loop, to register
/// whatever should happen next.
pub type Callback = Box<dyn FnOnce(&mut EventLoop)>;

/// Sockets and the one callback each waits with. A socket is watched
/// `ONESHOT`: after one event the kernel stops reporting it until the next
/// callback re-arms it, so a callback is never called twice.
pub struct EventLoop {
    epoll: OwnedFd,
    callbacks: HashMap<RawFd, Callback>,
    /// Sockets epoll has been told about (the first time is `add`, later
    /// ones `modify`).
    known: Vec<RawFd>,
    /// How many callbacks ran.
    pub calls: u64,
}

impl EventLoop {
    pub fn new() -> std::io::Result<EventLoop> {
        Ok(EventLoop {
            epoll: epoll::create(epoll::CreateFlags::CLOEXEC)?,
            callbacks: HashMap::new(),
            known: Vec::new(),
            calls: 0,
        })
    }

    /// Calls `callback` once `socket` can be written to (a connect is over).
    pub fn when_writable(&mut self, socket: RawFd, callback: Callback) {
        self.register(socket, epoll::EventFlags::OUT, callback);
    }

    /// Calls `callback` once `socket` has data (or the peer has closed).
    pub fn when_readable(&mut self, socket: RawFd, callback: Callback) {
        self.register(socket, epoll::EventFlags::IN, callback);
    }

    fn register(&mut self, fd: RawFd, interest: epoll::EventFlags, callback: Callback) {
        let flags = interest | epoll::EventFlags::ONESHOT;
        let key = epoll::EventData::new_u64(fd as u64);
        // SAFETY: the callback owns the socket, so `fd` stays open while
        // it is registered; epoll keeps the number only.
        let socket = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
        let result = if self.known.contains(&fd) {
            epoll::modify(&self.epoll, socket, key, flags)
        } else {
            self.known.push(fd);
            epoll::add(&self.epoll, socket, key, flags)
        };
        result.expect("epoll refused a socket it was given");
        self.callbacks.insert(fd, callback);
    }

    /// Forgets a socket that is about to be closed: its number may come
    /// back for the next socket the program opens.
    pub fn forget(&mut self, socket: RawFd) {
        self.known.retain(|&fd| fd != socket);
        let socket = unsafe { std::os::fd::BorrowedFd::borrow_raw(socket) };
        let _ = epoll::delete(&self.epoll, socket); // SAFETY: still open, as above
    }

    /// The loop itself: wait for ready sockets, call their callbacks, until
    /// no callback is left waiting.
    pub fn run(&mut self) -> std::io::Result<()> {
        let mut events = Vec::with_capacity(64);
        while !self.callbacks.is_empty() {
            epoll::wait(
                &self.epoll,
                rustix::buffer::spare_capacity(&mut events),
                None,
            )?;
            for event in events.drain(..) {
                let fd = event.data.u64() as RawFd;
                if let Some(callback) = self.callbacks.remove(&fd) {
                    self.calls += 1;
                    callback(self);
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
    let socket = socket_with(
        AddressFamily::INET,
        SocketType::STREAM,
        SocketFlags::NONBLOCK | SocketFlags::CLOEXEC,
        None,
    );
    let socket = match socket {
        Ok(socket) => TcpStream::from(socket),
        Err(e) => return results.borrow_mut().push(Err(format!("page {id}: {e}"))),
    };
    match rustix::net::connect(&socket, &addr) {
        Ok(()) | Err(rustix::io::Errno::INPROGRESS) => {}
        Err(e) => return results.borrow_mut().push(Err(format!("page {id}: {e}"))),
    }
    let fd = socket.as_raw_fd();
    event_loop.when_writable(
        fd,
        Box::new(move |event_loop| connected(event_loop, socket, addr, id, results)),
    );
}

/// Step 2: connected; send the request, then wait for the answer.
fn connected(
    event_loop: &mut EventLoop,
    mut socket: TcpStream,
    addr: SocketAddr,
    id: u64,
    results: Results,
) {
    // A request this small fits in the socket's empty send buffer at once.
    if let Err(e) = socket.write_all(&request(addr, id)) {
        event_loop.forget(socket.as_raw_fd());
        return results.borrow_mut().push(Err(format!("page {id}: {e}")));
    }
    let fd = socket.as_raw_fd();
    event_loop.when_readable(
        fd,
        Box::new(move |event_loop| readable(event_loop, socket, id, Vec::new(), results)),
    );
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
        Ok(0) => {
            event_loop.forget(socket.as_raw_fd());
            let checked = check_answer(id, &answer).map(|()| id);
            results.borrow_mut().push(checked);
        }
        Ok(n) => {
            answer.extend_from_slice(&buf[..n]);
            let fd = socket.as_raw_fd();
            event_loop.when_readable(
                fd,
                Box::new(move |event_loop| readable(event_loop, socket, id, answer, results)),
            );
        }
        Err(e) => {
            event_loop.forget(socket.as_raw_fd());
            results.borrow_mut().push(Err(format!("page {id}: {e}")));
        }
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
