//! The five Unix I/O models, each fetching the same pages from the slow
//! server: blocking (a thread per request), non-blocking with busy polling,
//! multiplexing (epoll: see `multiplexing.rs`), signal-driven (`SIGIO`),
//! and asynchronous, completion-based I/O (io_uring).

use crate::scenario::*;
use harness::Settings;
use std::io::{self, Read};
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::time::Duration;

// ANCHOR: blocking
/// Blocking I/O: each request gets a thread, which the kernel puts to sleep
/// inside `read` until its answer comes. Concurrency costs a thread each.
pub fn blocking(addr: SocketAddr, settings: &Settings) -> Result<Report, String> {
    let pages = send_all(addr, settings)?;
    let meter = Meter::start();
    let threads: Vec<_> = pages
        .into_iter()
        .map(|mut page| {
            std::thread::spawn(move || -> Result<Duration, String> {
                page.stream
                    .read_to_end(&mut page.answer)
                    .map_err(|e| e.to_string())?;
                page.check()?;
                Ok(cpu_time()) // this thread's own CPU time
            })
        })
        .collect();
    let count = threads.len();
    let mut cpu = Duration::ZERO;
    for thread in threads {
        cpu += thread
            .join()
            .map_err(|_| "a thread panicked".to_string())??;
    }
    Ok(meter.report_with_cpu(settings, count, cpu, format!("{count} threads")))
}
// ANCHOR_END: blocking

// ANCHOR: busy_poll
/// Non-blocking I/O with busy polling: one thread asks every socket again
/// and again; each `read` returns at once, mostly with `WouldBlock`. No
/// thread sleeps, so the waiting burns a whole core.
pub fn busy_poll(addr: SocketAddr, settings: &Settings) -> Result<Report, String> {
    let mut waiting = send_all(addr, settings)?;
    let meter = Meter::start();
    for page in &waiting {
        page.stream
            .set_nonblocking(true)
            .map_err(|e| e.to_string())?;
    }
    let (mut done, mut empty_reads) = (Vec::new(), 0u64);
    while !waiting.is_empty() {
        let mut i = 0;
        while i < waiting.len() {
            match waiting[i].read_ready().map_err(|e| e.to_string())? {
                Progress::Complete => done.push(waiting.swap_remove(i)),
                Progress::Nothing => {
                    empty_reads += 1;
                    i += 1;
                }
                Progress::Partial => i += 1,
            }
        }
    }
    let pages = check_all(&done)?;
    Ok(meter.report(settings, pages, format!("~{empty_reads} empty reads")))
}
// ANCHOR_END: busy_poll

// ANCHOR: signals
/// Signal-driven I/O: the kernel sends `SIGIO` when a socket has data.
/// The signal says only "something is ready", so on each one we read every
/// socket that is still waiting. The signal is blocked and taken with
/// `sigtimedwait`, so no handler runs in the middle of our code.
pub fn signal_driven(addr: SocketAddr, settings: &Settings) -> Result<Report, String> {
    // Made first, so dropped last: SIGIO is unblocked only once every socket
    // that could send it is closed, even when this returns early.
    let sigio = SigioBlocked::new()?;
    let mut waiting = send_all(addr, settings)?;
    let meter = Meter::start();
    for page in &waiting {
        sigio.send_to_this_thread(&page.stream)?;
    }
    let (mut done, mut signals) = (Vec::new(), 0u64);
    while !waiting.is_empty() {
        // Reading first catches what arrived before the sockets were set up.
        let mut i = 0;
        while i < waiting.len() {
            match waiting[i].read_ready().map_err(|e| e.to_string())? {
                Progress::Complete => done.push(waiting.swap_remove(i)),
                Progress::Partial | Progress::Nothing => i += 1,
            }
        }
        if !waiting.is_empty() {
            sigio.wait(settings.unit * 10)?;
            signals += 1;
        }
    }
    let pages = check_all(&done)?;
    // Signals that arrive while one is pending merge into it: there are
    // fewer waits than sockets, and how many changes too much from run to
    // run to show (13, 31 and 62 in three runs of 100 pages).
    let _ = signals;
    Ok(meter.report(settings, pages, String::new()))
}
// ANCHOR_END: signals

/// `struct f_owner_ex` and its constants from Linux's `<fcntl.h>` (the
/// libc crate does not have them): who gets a socket's `SIGIO`.
#[repr(C)]
struct OwnerEx {
    kind: libc::c_int,
    pid: libc::pid_t,
}
const F_SETOWN_EX: libc::c_int = 15;
const F_OWNER_TID: libc::c_int = 0;

/// `SIGIO`, blocked on this thread while the value lives, so that it waits
/// as pending until [`SigioBlocked::wait`] takes it (its default action
/// would end the process).
struct SigioBlocked {
    set: libc::sigset_t,
    before: libc::sigset_t,
}

impl SigioBlocked {
    fn new() -> Result<SigioBlocked, String> {
        // SAFETY: these fill sigset_t values we own and change this
        // thread's signal mask only; `before` keeps the old one for `drop`.
        unsafe {
            let mut set = std::mem::zeroed();
            let mut before = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGIO);
            if libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut before) != 0 {
                return Err("cannot block SIGIO".into());
            }
            Ok(SigioBlocked { set, before })
        }
    }

    /// Asks the kernel to send `SIGIO` to this thread (not to the process,
    /// whose other threads would die of it) when `socket` is readable.
    fn send_to_this_thread(&self, socket: &impl AsRawFd) -> Result<(), String> {
        let fd = socket.as_raw_fd();
        let owner = OwnerEx {
            kind: F_OWNER_TID,
            // SAFETY: gettid has no preconditions.
            pid: unsafe { libc::gettid() },
        };
        // SAFETY: fcntl on a descriptor we own, with a struct that lives
        // through the call.
        let ok = unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFL);
            flags >= 0
                && libc::fcntl(fd, F_SETOWN_EX, &owner) == 0
                && libc::fcntl(fd, libc::F_SETFL, flags | libc::O_ASYNC | libc::O_NONBLOCK) == 0
        };
        ok.then_some(())
            .ok_or_else(|| format!("cannot ask for SIGIO: {}", io::Error::last_os_error()))
    }

    /// Sleeps until a `SIGIO` comes, or fails after `limit`.
    fn wait(&self, limit: Duration) -> Result<(), String> {
        let timeout = libc::timespec {
            tv_sec: limit.as_secs() as libc::time_t,
            tv_nsec: limit.subsec_nanos() as libc::c_long,
        };
        // SAFETY: the set and the timeout live through the call; the
        // signal's details are not asked for (a null siginfo).
        match unsafe { libc::sigtimedwait(&self.set, std::ptr::null_mut(), &timeout) } {
            libc::SIGIO => Ok(()),
            _ => Err(format!(
                "no SIGIO within {limit:?}: {}",
                io::Error::last_os_error()
            )),
        }
    }
}

impl Drop for SigioBlocked {
    /// Takes any `SIGIO` still pending, then puts the old mask back. The
    /// sockets are closed by now: `signal_driven` makes this value before
    /// them, so it is dropped after them.
    fn drop(&mut self) {
        let zero = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: as in `wait` and `new`.
        unsafe {
            while libc::sigtimedwait(&self.set, std::ptr::null_mut(), &zero) == libc::SIGIO {}
            libc::pthread_sigmask(libc::SIG_SETMASK, &self.before, std::ptr::null_mut());
        }
    }
}

// ANCHOR: completion
/// Asynchronous (completion-based) I/O with io_uring: we hand the kernel a
/// buffer and say "receive into it"; the kernel does the read itself and
/// tells us when it is done and how many bytes are in the buffer. With
/// readiness (epoll) the kernel says only "you may read now", and we read.
pub fn completion(addr: SocketAddr, settings: &Settings) -> Result<Report, String> {
    let mut pages = send_all(addr, settings)?;
    let meter = Meter::start();
    let mut ring = io_uring::IoUring::new(pages.len().next_power_of_two() as u32)
        .map_err(|e| format!("io_uring is not available here: {e}"))?;
    // One buffer per page. From here on they are reached only through raw
    // pointers: the kernel writes into them while we hold no reference.
    let mut buffers = vec![[0u8; BUFFER]; pages.len()];
    let pointers: Vec<*mut u8> = buffers.iter_mut().map(|b| b.as_mut_ptr()).collect();
    match receive_all(&mut ring, &pointers, &mut pages) {
        Ok(completions) => {
            let count = check_all(&pages)?;
            Ok(meter.report(settings, count, format!("~{completions} completions")))
        }
        Err(e) => {
            // Some receives may still be in the kernel's hands: leak their
            // buffers rather than free memory the kernel may write into.
            std::mem::forget(buffers);
            Err(e)
        }
    }
}

/// The size of each page's buffer.
const BUFFER: usize = 4096;

/// Keeps one receive per page in the ring until every page has reached
/// its end; returns how many completions came back.
fn receive_all(
    ring: &mut io_uring::IoUring,
    buffers: &[*mut u8],
    pages: &mut [Pending],
) -> Result<u64, String> {
    use io_uring::{opcode, types};
    let sockets: Vec<types::Fd> = pages
        .iter()
        .map(|p| types::Fd(p.stream.as_raw_fd()))
        .collect();
    let receive = |i: usize| {
        opcode::Recv::new(sockets[i], buffers[i], BUFFER as u32)
            .build()
            .user_data(i as u64)
    };
    for i in 0..pages.len() {
        // SAFETY: each buffer is BUFFER bytes, and it and the socket outlive
        // the receive: the caller keeps both until it completes (or leaks
        // the buffer); nothing else touches the buffer meanwhile.
        unsafe { ring.submission().push(&receive(i)) }
            .map_err(|_| "the submission queue is full".to_string())?;
    }
    let (mut left, mut completions) = (pages.len(), 0u64);
    while left > 0 {
        ring.submit_and_wait(1).map_err(|e| e.to_string())?;
        let finished: Vec<(usize, i32)> = ring
            .completion()
            .map(|c| (c.user_data() as usize, c.result()))
            .collect();
        for (i, result) in finished {
            completions += 1;
            match result {
                0 => left -= 1, // end of file: this answer is whole
                n if n > 0 => {
                    // SAFETY: the receive is complete: the kernel is done
                    // with the buffer and has written its first `n` bytes.
                    let got = unsafe { std::slice::from_raw_parts(buffers[i], n as usize) };
                    pages[i].answer.extend_from_slice(got);
                    // SAFETY: as above.
                    unsafe { ring.submission().push(&receive(i)) }
                        .map_err(|_| "the submission queue is full".to_string())?;
                }
                error => return Err(io::Error::from_raw_os_error(-error).to_string()),
            }
        }
    }
    Ok(completions)
}
// ANCHOR_END: completion
