//! Wrong answer: ten OS threads, each with a blocking GET, joined inside the
//! `async fn`. The ten requests are in flight at once and take one delay,
//! but joining the threads blocks the runtime's thread for that whole delay:
//! no other task on it can run.
//!
//! Why a student writes it: it is the threaded version from the start of the
//! chapter, and it works (ten titles in one delay, the server sees ten at
//! once). Inside async code it is the mistake the chapter warns about:
//! `JoinHandle::join` and `blocking_get` wait by holding the thread, where
//! `.await` would hand it back to the runtime.

use exercise_support::Runtime;
use std::io;
use std::net::SocketAddr;

pub const RUNTIME: Runtime = Runtime::Smol;

pub async fn fetch_titles(addr: SocketAddr, ids: Vec<u32>) -> io::Result<Vec<String>> {
    let threads: Vec<_> = ids
        .into_iter()
        .map(|id| {
            std::thread::spawn(move || {
                let path = format!("/detail/{id}");
                let page = http_get::blocking_get(addr, &path)?.error_for_status()?;
                let title = page.title().ok_or_else(|| {
                    io::Error::new(io::ErrorKind::InvalidData, format!("{path} has no <title>"))
                })?;
                Ok::<_, io::Error>(title.to_string())
            })
        })
        .collect();
    threads
        .into_iter()
        .map(|thread| thread.join().expect("a fetching thread panicked"))
        .collect()
}
