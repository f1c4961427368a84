//! The callback crawler's fetches, written with `async`/`.await` on
//! async-std (discontinued in 2025; its maintainers point to smol). Its
//! reactor is async-io's, on epoll through the `polling` crate.

use crate::scenario::*;
use async_std::net::TcpStream;
use async_std::prelude::*;
use std::net::SocketAddr;

/// Runs a future to completion; spawned tasks run on async-std's threads.
pub fn block_on<F: Future>(future: F) -> F::Output {
    async_std::task::block_on(future)
}

// ANCHOR: fetch
/// Connect, send, read to the end, check.
async fn fetch(addr: SocketAddr, id: u64) -> Result<u64, String> {
    let fail = |e: std::io::Error| format!("page {id}: {e}");
    let mut socket = TcpStream::connect(addr).await.map_err(fail)?;
    socket.write_all(&request(addr, id)).await.map_err(fail)?;
    let mut answer = Vec::new();
    socket.read_to_end(&mut answer).await.map_err(fail)?;
    check_answer(id, &answer).map(|()| id)
}
// ANCHOR_END: fetch

// ANCHOR: crawl
/// A task per page, then every result. async-std's handle gives the value
/// itself: a task that panicked panics here too.
pub async fn crawl(addr: SocketAddr, ids: Vec<u64>) -> Result<usize, String> {
    let tasks: Vec<_> = ids
        .into_iter()
        .map(|id| async_std::task::spawn(fetch(addr, id)))
        .collect();
    let mut pages = 0;
    for task in tasks {
        pages += task.await.map(|_| 1)?;
    }
    Ok(pages)
}
// ANCHOR_END: crawl
