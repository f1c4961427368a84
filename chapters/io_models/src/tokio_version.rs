//! The callback crawler's fetches, written with `async`/`.await` on tokio.
//! Each fetch reads top to bottom; tokio's reactor (epoll, through mio) does
//! the registering and the calling back that `callback_loop.rs` does by hand.

use crate::scenario::*;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Runs a future to completion on a new multi-threaded runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}

// ANCHOR: fetch
/// Connect, send, read to the end, check: the three callbacks of the
/// callback crawler, as one function. Each `.await` is where it waited.
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
/// A task per page, then every result. A task that panicked passes its
/// panic on; none is cancelled here, but if one were, that is an error.
pub async fn crawl(addr: SocketAddr, ids: Vec<u64>) -> Result<usize, String> {
    let tasks: Vec<_> = ids
        .into_iter()
        .map(|id| tokio::spawn(fetch(addr, id)))
        .collect();
    let mut pages = 0;
    for task in tasks {
        match task.await {
            Ok(fetched) => pages += fetched.map(|_| 1)?,
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => return Err(format!("a fetch was cancelled: {e}")),
        }
    }
    Ok(pages)
}
// ANCHOR_END: crawl
