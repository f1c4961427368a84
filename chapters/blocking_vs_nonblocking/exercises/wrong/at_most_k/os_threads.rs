//! Wrong answer: a pool of `limit` OS threads, each taking the next path and
//! fetching it with a blocking GET, inside the `async fn`
//! (`std::thread::scope`). It keeps the limit and the window, but the
//! runtime's thread waits in `scope` for the whole run: no other task on it
//! can run meanwhile.
//!
//! Why a student writes it: it is the thread pool from the start of the
//! chapter, it is a true sliding window (a free thread takes the next path),
//! and `thread::scope` lets the threads borrow the paths. Inside async code
//! it is the mistake the chapter warns about: it blocks the thread that
//! every other task needs. Await the requests instead.

use exercise_support::Runtime;
use std::io;
use std::net::SocketAddr;
use std::sync::Mutex;

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn fetch_titles_limited(
    addr: SocketAddr,
    paths: Vec<String>,
    limit: usize,
) -> io::Result<Vec<String>> {
    let next = Mutex::new(paths.iter().enumerate());
    let results: Mutex<Vec<Option<io::Result<String>>>> =
        Mutex::new(paths.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..limit {
            scope.spawn(|| {
                loop {
                    let Some((i, path)) = next.lock().unwrap().next() else {
                        break;
                    };
                    let title = fetch_title(addr, path);
                    results.lock().unwrap()[i] = Some(title);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|title| title.expect("every path was fetched"))
        .collect()
}

/// The title of the page at `path`, with a blocking GET.
fn fetch_title(addr: SocketAddr, path: &str) -> io::Result<String> {
    let page = http_get::blocking_get(addr, path)?.error_for_status()?;
    let title = page.title().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidData, format!("{path} has no <title>"))
    })?;
    Ok(title.to_string())
}
