//! I/O multiplexing: one thread waits on many sockets at once with
//! `select`, `poll` or `epoll`, then reads only the ones that are ready.
//! Also: `select`'s 1024-descriptor limit, and a non-blocking `connect`.

use crate::scenario::*;
use harness::Settings;
use rustix::event::{PollFd, PollFlags, epoll, poll};
use std::io;
use std::net::{SocketAddr, TcpStream};
use std::os::fd::{AsRawFd, RawFd};

// ANCHOR: non_blocking
/// Turns every socket non-blocking: a ready socket is read until it would
/// block, so one `read` too many never puts the thread to sleep.
fn non_blocking(pages: &[Pending]) -> Result<(), String> {
    for page in pages {
        page.stream
            .set_nonblocking(true)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
// ANCHOR_END: non_blocking

/// Reads the pages at `ready` (indexes into `waiting`), moving the whole
/// ones to `done`.
fn read_ready_ones(
    waiting: &mut Vec<Pending>,
    ready: &[usize],
    done: &mut Vec<Pending>,
) -> Result<(), String> {
    // From the highest index down, so that `swap_remove` moves only pages
    // that were already looked at.
    for &i in ready.iter().rev() {
        if waiting[i].read_ready().map_err(|e| e.to_string())? == Progress::Complete {
            done.push(waiting.swap_remove(i));
        }
    }
    Ok(())
}

// ANCHOR: fd_set
/// `select`'s set of descriptors: a fixed array of `FD_SETSIZE` (1024) bits.
/// C's `FD_SET` with a descriptor of 1024 or more writes past its end;
/// [`FdSet::insert`] refuses it instead, as Python's `select` does.
struct FdSet(libc::fd_set);

impl FdSet {
    fn new() -> FdSet {
        let mut set = std::mem::MaybeUninit::<libc::fd_set>::uninit();
        // SAFETY: FD_ZERO initialises the whole set.
        unsafe {
            libc::FD_ZERO(set.as_mut_ptr());
            FdSet(set.assume_init())
        }
    }

    fn insert(&mut self, fd: RawFd) -> Result<(), String> {
        if !(0..libc::FD_SETSIZE as RawFd).contains(&fd) {
            return Err(format!(
                "descriptor {fd} is out of range for select (0 to {}): use poll or epoll",
                libc::FD_SETSIZE - 1
            ));
        }
        // SAFETY: fd is inside the set, checked just above.
        unsafe { libc::FD_SET(fd, &mut self.0) };
        Ok(())
    }

    fn contains(&self, fd: RawFd) -> bool {
        // SAFETY: FD_ISSET only reads; a descriptor outside the set was
        // never inserted, and is not asked about.
        (0..libc::FD_SETSIZE as RawFd).contains(&fd) && unsafe { libc::FD_ISSET(fd, &self.0) }
    }
}
// ANCHOR_END: fd_set

// ANCHOR: select
/// `select`: each call takes the whole set of descriptors to watch, and
/// gives back the set of the ready ones, so both are rebuilt every time.
/// The kernel scans every descriptor up to the highest one, each call.
pub fn with_select(mut waiting: Vec<Pending>) -> Result<(usize, u64), String> {
    non_blocking(&waiting)?;
    let (mut done, mut calls) = (Vec::new(), 0u64);
    while !waiting.is_empty() {
        let mut readable = FdSet::new();
        for page in &waiting {
            readable.insert(page.stream.as_raw_fd())?;
        }
        let highest = waiting.iter().map(|p| p.stream.as_raw_fd()).max();
        let watch = highest.unwrap_or(0) + 1;
        // SAFETY: `readable` is a valid set we own; no other set, no timeout.
        let n = unsafe {
            let (no_set, no_timeout) = (std::ptr::null_mut(), std::ptr::null_mut());
            libc::select(watch, &mut readable.0, no_set, no_set, no_timeout)
        };
        if n < 0 {
            return Err(format!("select: {}", io::Error::last_os_error()));
        }
        calls += 1;
        let ready: Vec<usize> = (0..waiting.len())
            .filter(|&i| readable.contains(waiting[i].stream.as_raw_fd()))
            .collect();
        read_ready_ones(&mut waiting, &ready, &mut done)?;
    }
    Ok((check_all(&done)?, calls))
}
// ANCHOR_END: select

// ANCHOR: poll
/// `poll`: an array of (descriptor, events wanted); the kernel fills in the
/// events that happened. No limit on the descriptor's number, but the
/// whole array still goes to the kernel and is scanned on every call.
pub fn with_poll(mut waiting: Vec<Pending>) -> Result<(usize, u64), String> {
    non_blocking(&waiting)?;
    let (mut done, mut calls) = (Vec::new(), 0u64);
    while !waiting.is_empty() {
        let ready: Vec<usize> = {
            let mut fds: Vec<PollFd> = waiting
                .iter()
                .map(|p| PollFd::new(&p.stream, PollFlags::IN))
                .collect();
            poll(&mut fds, None).map_err(|e| format!("poll: {e}"))?;
            (0..fds.len())
                .filter(|&i| !fds[i].revents().is_empty())
                .collect()
        };
        calls += 1;
        read_ready_ones(&mut waiting, &ready, &mut done)?;
    }
    Ok((check_all(&done)?, calls))
}
// ANCHOR_END: poll

// ANCHOR: epoll
/// `epoll`: the kernel keeps the list of watched descriptors (`add`,
/// `delete`), and `wait` returns only the ready ones, each with the number
/// we gave it. Its cost grows with the ready sockets, not the watched ones.
pub fn with_epoll(mut pages: Vec<Pending>) -> Result<(usize, u64), String> {
    non_blocking(&pages)?;
    let epoll = epoll::create(epoll::CreateFlags::CLOEXEC).map_err(|e| e.to_string())?;
    for (i, page) in pages.iter().enumerate() {
        let key = epoll::EventData::new_u64(i as u64);
        epoll::add(&epoll, &page.stream, key, epoll::EventFlags::IN)
            .map_err(|e| format!("epoll add: {e}"))?;
    }
    let (mut left, mut calls, mut events) = (pages.len(), 0u64, Vec::with_capacity(64));
    while left > 0 {
        epoll::wait(&epoll, rustix::buffer::spare_capacity(&mut events), None)
            .map_err(|e| format!("epoll wait: {e}"))?;
        calls += 1;
        for event in events.drain(..) {
            let page = &mut pages[event.data.u64() as usize];
            if page.read_ready().map_err(|e| e.to_string())? == Progress::Complete {
                epoll::delete(&epoll, &page.stream).map_err(|e| e.to_string())?;
                left -= 1;
            }
        }
    }
    Ok((check_all(&pages)?, calls))
}
// ANCHOR_END: epoll

/// Runs one of the three on every page, and reports.
pub fn drive(
    addr: SocketAddr,
    settings: &Settings,
    with: fn(Vec<Pending>) -> Result<(usize, u64), String>,
) -> Result<Report, String> {
    let waiting = send_all(addr, settings)?;
    let meter = Meter::start();
    // How many calls it took changes a lot from run to run (answers that
    // arrive together are taken by one call), so it is not shown.
    let (pages, _calls) = with(waiting)?;
    Ok(meter.report(settings, pages, String::new()))
}

// ANCHOR: select_limit
/// One page each through select, poll and epoll, on a socket whose
/// descriptor is moved to 1500 or above (`fcntl(F_DUPFD)`), as in a server
/// that already has 1500 files open.
pub fn above_the_limit(addr: SocketAddr) -> Result<String, String> {
    harness::open_files::ensure(1600, "a descriptor numbered 1500")?;
    let high = |id: u64| -> Result<Pending, String> {
        let page = Pending::send(addr, id).map_err(|e| e.to_string())?;
        let moved = rustix::io::fcntl_dupfd_cloexec(&page.stream, 1500)
            .map_err(|e| format!("cannot move the socket to 1500: {e}"))?;
        // `page.stream` (the low descriptor) is closed when `page` is replaced.
        Ok(Pending {
            stream: TcpStream::from(moved),
            ..page
        })
    };
    let (select_page, poll_page, epoll_page) = (high(1)?, high(2)?, high(3)?);
    let fds = [&select_page, &poll_page, &epoll_page].map(|p| p.stream.as_raw_fd());
    let select = match with_select(vec![select_page]) {
        Ok(_) => "ok",
        Err(e) if e.contains("out of range") => "refused",
        Err(e) => return Err(e),
    };
    let polled = with_poll(vec![poll_page]).map(|(n, _)| n);
    let epolled = with_epoll(vec![epoll_page]).map(|(n, _)| n);
    let ok = |pages: usize| if pages == 1 { "ok" } else { "no page" };
    Ok(format!(
        "select: {} {select}; poll: {} {}; epoll: {} {}",
        fds[0],
        fds[1],
        ok(polled?),
        fds[2],
        ok(epolled?)
    ))
}
// ANCHOR_END: select_limit

// ANCHOR: connect
/// A non-blocking `connect`: it returns at once, normally with
/// `EINPROGRESS`, while the TCP handshake goes on. The socket turns
/// writable when the handshake is over, and `SO_ERROR` then says whether it
/// worked. Returns what each step said, such as `EINPROGRESS→0`.
pub fn connect_non_blocking(addr: SocketAddr) -> Result<String, String> {
    use rustix::net::{AddressFamily, SocketFlags, SocketType, socket_with, sockopt};
    let socket = socket_with(
        AddressFamily::INET,
        SocketType::STREAM,
        SocketFlags::NONBLOCK | SocketFlags::CLOEXEC,
        None,
    )
    .map_err(|e| e.to_string())?;
    let connect = match rustix::net::connect(&socket, &addr) {
        Ok(()) => "0".to_string(), // done at once: possible on loopback
        Err(e) => errno_name(e),
    };
    // Writable means the handshake is over, well or badly.
    let mut fds = [PollFd::new(&socket, PollFlags::OUT)];
    poll(&mut fds, None).map_err(|e| e.to_string())?;
    let outcome = match sockopt::socket_error(&socket).map_err(|e| e.to_string())? {
        Ok(()) => "0".to_string(),
        Err(e) => errno_name(e),
    };
    Ok(format!("{connect}→{outcome}"))
}
// ANCHOR_END: connect

/// The C name of the errors a connect gives, as the man pages write them.
fn errno_name(e: rustix::io::Errno) -> String {
    use rustix::io::Errno;
    match e {
        Errno::INPROGRESS => "EINPROGRESS".into(),
        Errno::CONNREFUSED => "ECONNREFUSED".into(),
        Errno::TIMEDOUT => "ETIMEDOUT".into(),
        other => other.to_string(),
    }
}
