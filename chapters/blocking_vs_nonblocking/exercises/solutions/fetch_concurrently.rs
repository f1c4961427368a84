//! Fetch concurrently: get the title of every page at once from the slow
//! server, so that N pages take about one delay, not N.
//!
//! On tokio, use reqwest: build one `reqwest::Client` and clone it into each
//! task (the clones share one connection pool), then
//! `client.get(url).send().await?.text().await?`. On smol or async-std,
//! connect with the runtime's `TcpStream` and call
//! `http_get::get(stream, &addr.to_string(), &path)`. A page's title:
//! `http_get::title(&body)`. Set `RUNTIME` to match.

use exercise_support::Runtime;
use std::io;
use std::net::SocketAddr;

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Smol;

/// The titles of `/detail/{id}` for every id, in the order of `ids`,
/// fetched all at once.
pub async fn fetch_titles(addr: SocketAddr, ids: Vec<u32>) -> io::Result<Vec<String>> {
    // BEGIN SOLUTION
    let tasks: Vec<_> = ids
        .into_iter()
        .map(|id| {
            smol::spawn(async move {
                let stream = smol::net::TcpStream::connect(addr).await?;
                let page =
                    http_get::get(stream, &addr.to_string(), &format!("/detail/{id}")).await?;
                Ok::<_, io::Error>(page.title().unwrap_or_default().to_string())
            })
        })
        .collect();
    let mut titles = Vec::new();
    for task in tasks {
        titles.push(task.await?);
    }
    Ok(titles)
    // END SOLUTION
    // STARTER todo!("start one request per id, then collect the titles in order")
}
