//! Fetch concurrently: get the title of every page at once from the slow
//! server, so that N pages take about one delay, not N.
//!
//! On tokio, use reqwest: build one `reqwest::Client` and clone it into each
//! task (the clones share one connection pool), then
//! `client.get(url).send().await?.text().await?`. On smol or async-std,
//! connect with the runtime's `TcpStream` and call
//! `http_get::get(stream, &addr.to_string(), &path)`. A page's title:
//! `http_get::title(&body)`. A page whose status is not a success, or that
//! has no title, is an error (`error_for_status` on reqwest's answer and on
//! `http_get::Page`). Set `RUNTIME` to match.

use exercise_support::Runtime;
use std::io;
use std::net::SocketAddr;

/// The runtime the checker runs your code on.
pub const RUNTIME: Runtime = Runtime::Smol;

/// The titles of `/detail/{id}` for every id, in the order of `ids`,
/// fetched all at once; an error if a page fails or has no title.
pub async fn fetch_titles(addr: SocketAddr, ids: Vec<u32>) -> io::Result<Vec<String>> {
    // BEGIN SOLUTION
    let tasks: Vec<_> = ids
        .into_iter()
        .map(|id| {
            smol::spawn(async move {
                let path = format!("/detail/{id}");
                let stream = smol::net::TcpStream::connect(addr).await?;
                // A page that is not a success (a 500, say) is an error, not a title.
                let page = http_get::get(stream, &addr.to_string(), &path)
                    .await?
                    .error_for_status()?;
                let title = page.title().ok_or_else(|| {
                    io::Error::new(io::ErrorKind::InvalidData, format!("{path} has no <title>"))
                })?;
                Ok::<_, io::Error>(title.to_string())
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
