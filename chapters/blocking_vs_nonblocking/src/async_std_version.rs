//! N requests at once on async-std, with a small hand-written HTTP/1.1 GET.
//!
//! async-std was discontinued in 2025; its maintainers recommend smol.

use crate::scenario::*;
use async_std::net::TcpStream;
use async_std::task;
use harness::{Settings, Timeline};
use std::io;
use std::net::SocketAddr;

// ANCHOR: block_on
/// Runs a future on async-std's global executor.
pub fn block_on<F: Future>(future: F) -> F::Output {
    task::block_on(future)
}
// ANCHOR_END: block_on

// ANCHOR: fetch_all
/// Starts one task per request, then collects the titles in request order.
pub async fn fetch_all(
    tl: Timeline,
    settings: &Settings,
    addr: SocketAddr,
) -> io::Result<Vec<String>> {
    let mut tasks = Vec::new();
    for path in paths(settings) {
        let (tl, name) = (tl.clone(), task_name(&path, settings));
        tasks.push(task::spawn(async move {
            let task = tl.start(&name);
            let page = async {
                let stream = TcpStream::connect(addr).await?;
                http_get::get(stream, &addr.to_string(), &path).await
            };
            match page.await {
                Ok(page) => Ok(task.done(title_of(&page.body))),
                Err(e) => Err(task.failed(e)),
            }
        }));
    }
    let mut titles = Vec::new();
    for task in tasks {
        titles.push(task.await?);
    }
    Ok(titles)
}
// ANCHOR_END: fetch_all
