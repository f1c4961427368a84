//! N requests at once on smol, with a small hand-written HTTP/1.1 GET.

use crate::scenario::*;
use harness::{Settings, Timeline};
use smol::net::TcpStream;
use std::io;
use std::net::SocketAddr;

// ANCHOR: block_on
/// Runs a future on the current thread; spawned tasks run on smol's global executor.
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
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
        tasks.push(smol::spawn(async move {
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
