//! The callback crawler's fetches, written with `async`/`.await` on smol.
//! Its reactor is async-io's, on epoll through the `polling` crate.

use crate::scenario::*;
use smol::io::{AsyncReadExt, AsyncWriteExt};
use smol::net::TcpStream;
use std::net::SocketAddr;

/// Runs a future on the current thread; spawned tasks run on smol's global
/// executor (one thread unless `SMOL_THREADS` says more).
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
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
/// A task per page, then every result. A smol `Task` is awaited for its
/// value; dropping one unawaited would cancel its fetch.
pub async fn crawl(addr: SocketAddr, ids: Vec<u64>) -> Result<usize, String> {
    let tasks: Vec<_> = ids
        .into_iter()
        .map(|id| smol::spawn(fetch(addr, id)))
        .collect();
    let mut pages = 0;
    for task in tasks {
        pages += task.await.map(|_| 1)?;
    }
    Ok(pages)
}
// ANCHOR_END: crawl
