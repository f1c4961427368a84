//! The five servers of the C10k benchmark. Each one accepts connections on
//! the listener it is given, reads a request up to the end of its head,
//! waits `delay`, answers with a tiny HTTP page and closes the connection.
//! They differ only in who waits: an OS thread per connection, one thread
//! that drives every connection through epoll itself, or an async task per
//! connection on tokio, async-std or smol.

use std::collections::{HashMap, VecDeque};
use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

/// Every server's answer: a whole HTTP/1.1 response; the server closes the
/// connection after it, so the client reads to EOF.
pub const ANSWER: &[u8] = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";

/// A listener on 127.0.0.1 with a long accept queue (4096, the kernel's
/// usual `somaxconn`). `std::net::TcpListener::bind` asks for 128: with
/// 10,000 clients connecting at once the queue overflows, the kernel drops
/// their SYNs and they retry a second later, which would measure the queue,
/// not the server. All five servers get the same kind of listener.
pub fn listener() -> io::Result<TcpListener> {
    use rustix::net::{AddressFamily, SocketAddrV4, SocketFlags, SocketType};
    let socket = rustix::net::socket_with(
        AddressFamily::INET,
        SocketType::STREAM,
        SocketFlags::CLOEXEC,
        None,
    )?;
    rustix::net::bind(&socket, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0))?;
    rustix::net::listen(&socket, 4096)?;
    Ok(TcpListener::from(std::os::fd::OwnedFd::from(socket)))
}

/// The end of a request's head: a blank line.
fn complete(request: &[u8]) -> bool {
    request.ends_with(b"\r\n\r\n")
}

// ANCHOR: threads
/// (a) One OS thread per connection, each blocking in `read`, `sleep` and
/// `write` in turn. Threads get Rust's default 2 MiB stack: reserved
/// address space, of which only the pages touched become resident.
pub fn thread_per_connection(listener: TcpListener, delay: Duration) -> io::Result<()> {
    for stream in listener.incoming() {
        let mut stream = stream?;
        // `Builder::spawn` returns the OS's refusal (at the thread limit) as
        // an error; `thread::spawn` would panic.
        thread::Builder::new().spawn(move || {
            if read_request(&mut stream).is_ok() {
                thread::sleep(delay); // this thread does nothing else meanwhile
                let _ = stream.write_all(ANSWER);
            }
        })?; // the thread ends, `stream` drops, the connection closes
    }
    Ok(())
}

fn read_request(stream: &mut TcpStream) -> io::Result<()> {
    let mut request = Vec::with_capacity(128);
    let mut buf = [0; 512];
    while !complete(&request) {
        match stream.read(&mut buf)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => request.extend_from_slice(&buf[..n]),
        }
    }
    Ok(())
}
// ANCHOR_END: threads

// ANCHOR: epoll
/// (b) One thread, no runtime: epoll says which sockets are ready, and the
/// delays are a queue of deadlines that sets epoll_wait's timeout. A
/// connection is a socket and the bytes of its request so far.
pub fn epoll_server(listener: TcpListener, delay: Duration) -> io::Result<()> {
    use rustix::event::epoll::{self, EventData, EventFlags};
    const LISTENER: u64 = u64::MAX;
    listener.set_nonblocking(true)?;
    let epoll = epoll::create(epoll::CreateFlags::CLOEXEC)?;
    epoll::add(
        &epoll,
        &listener,
        EventData::new_u64(LISTENER),
        EventFlags::IN,
    )?;
    let mut connections: HashMap<u64, (TcpStream, Vec<u8>)> = HashMap::new();
    // Every connection waits the same delay, so deadlines come in order.
    let mut waiting: VecDeque<(Instant, u64)> = VecDeque::new();
    let mut events = Vec::with_capacity(1024);
    let mut next_id = 0;
    loop {
        // Sleep until a socket is ready or the first deadline passes.
        let timeout = waiting.front().map(|(deadline, _)| {
            let left = deadline.saturating_duration_since(Instant::now());
            rustix::event::Timespec::try_from(left).expect("a short delay")
        });
        events.clear();
        match epoll::wait(
            &epoll,
            rustix::buffer::spare_capacity(&mut events),
            timeout.as_ref(),
        ) {
            Err(rustix::io::Errno::INTR) => continue,
            result => result?,
        };
        for event in &events {
            let id = event.data.u64();
            if id == LISTENER {
                // Accept everyone waiting; each new socket joins the set.
                loop {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            stream.set_nonblocking(true)?;
                            epoll::add(
                                &epoll,
                                &stream,
                                EventData::new_u64(next_id),
                                EventFlags::IN,
                            )?;
                            connections.insert(next_id, (stream, Vec::with_capacity(128)));
                            next_id += 1;
                        }
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                        Err(e) => return Err(e),
                    }
                }
            } else if let Some((stream, request)) = connections.get_mut(&id) {
                // Read what has come; never wait for the rest.
                let mut buf = [0; 512];
                let done = loop {
                    match stream.read(&mut buf) {
                        Ok(0) => break Err(()), // closed before its request ended
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                        Err(e) if e.kind() == io::ErrorKind::WouldBlock => break Ok(false),
                        Err(_) => break Err(()),
                    }
                    if complete(request) {
                        break Ok(true);
                    }
                };
                match done {
                    Ok(false) => {} // more of the request later
                    Ok(true) => {
                        epoll::delete(&epoll, &*stream)?; // nothing more to read
                        waiting.push_back((Instant::now() + delay, id));
                    }
                    Err(()) => drop(connections.remove(&id)), // closes it
                }
            }
        }
        // Answer every connection whose delay is over, then close it. The
        // answer is 59 bytes and the socket's send buffer is empty, so one
        // non-blocking write takes it all; a large answer would have to
        // wait for EventFlags::OUT between partial writes.
        let now = Instant::now();
        while let Some(&(deadline, id)) = waiting.front() {
            if deadline > now {
                break;
            }
            waiting.pop_front();
            if let Some((mut stream, _)) = connections.remove(&id) {
                let _ = stream.write_all(ANSWER);
            }
        }
    }
}
// ANCHOR_END: epoll

// ANCHOR: tokio
/// (c) A task per connection on tokio's multi-threaded runtime.
pub fn tokio_server(listener: TcpListener, delay: Duration) -> io::Result<()> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        loop {
            let (mut stream, _) = listener.accept().await?;
            tokio::spawn(async move {
                let mut request = Vec::with_capacity(128);
                while !complete(&request) {
                    match stream.read_buf(&mut request).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                }
                tokio::time::sleep(delay).await; // the task is parked, not a thread
                let _ = stream.write_all(ANSWER).await;
            });
        }
    })
}
// ANCHOR_END: tokio

// ANCHOR: async_std
/// (d) A task per connection on async-std (discontinued in 2025; its
/// maintainers point to smol).
pub fn async_std_server(listener: TcpListener, delay: Duration) -> io::Result<()> {
    use async_std::io::WriteExt;
    async_std::task::block_on(async {
        let listener = async_std::net::TcpListener::from(listener);
        loop {
            let (mut stream, _) = listener.accept().await?;
            async_std::task::spawn(async move {
                if read_request_async(&mut stream).await.is_ok() {
                    async_std::task::sleep(delay).await;
                    let _ = stream.write_all(ANSWER).await;
                }
            });
        }
    })
}
// ANCHOR_END: async_std

// ANCHOR: smol
/// (e) A task per connection on smol's global executor.
pub fn smol_server(listener: TcpListener, delay: Duration) -> io::Result<()> {
    use smol::io::AsyncWriteExt;
    smol::block_on(async {
        let listener = smol::net::TcpListener::try_from(listener)?;
        loop {
            let (mut stream, _) = listener.accept().await?;
            smol::spawn(async move {
                if read_request_async(&mut stream).await.is_ok() {
                    smol::Timer::after(delay).await;
                    let _ = stream.write_all(ANSWER).await;
                }
            })
            .detach(); // dropping a smol Task would cancel it
        }
    })
}

/// async-std and smol share the `futures` I/O traits, so one reader serves both.
async fn read_request_async(stream: &mut (impl futures::io::AsyncRead + Unpin)) -> io::Result<()> {
    use futures::io::AsyncReadExt;
    let mut request = Vec::with_capacity(128);
    let mut buf = [0; 512];
    while !complete(&request) {
        match stream.read(&mut buf).await? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => request.extend_from_slice(&buf[..n]),
        }
    }
    Ok(())
}
// ANCHOR_END: smol
