//! N requests at once on tokio, with reqwest as the HTTP client.

use crate::scenario::*;
use harness::{Settings, Timeline};
use std::net::SocketAddr;

// ANCHOR: block_on
/// Runs a future on a new multi-threaded runtime, as `#[tokio::main]` does.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}
// ANCHOR_END: block_on

// ANCHOR: fetch_all
/// Starts one task per request, then collects the titles in request order.
pub async fn fetch_all(
    tl: Timeline,
    settings: &Settings,
    addr: SocketAddr,
) -> reqwest::Result<Vec<String>> {
    let client = reqwest::Client::new(); // one connection pool, shared by every task
    let mut tasks = Vec::new();
    for path in paths(settings) {
        let (client, tl, name) = (client.clone(), tl.clone(), task_name(&path, settings));
        let url = format!("http://{addr}{path}");
        tasks.push(tokio::spawn(async move {
            let task = tl.start(&name);
            match client
                .get(url)
                .send()
                .await?
                .error_for_status()?
                .text()
                .await
            {
                Ok(body) => Ok(task.done(title_of(&body))),
                Err(e) => Err(task.failed(e)),
            }
        }));
    }
    let mut titles = Vec::new();
    for task in tasks {
        titles.push(task.await.expect("a request task panicked")?);
    }
    Ok(titles)
}
// ANCHOR_END: fetch_all
