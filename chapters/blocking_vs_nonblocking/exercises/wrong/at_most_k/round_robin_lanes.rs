//! Wrong answer: `limit` lanes run side by side (`join_all`), lane `i`
//! fetching paths `i`, `i + limit`, `i + 2 * limit`, ... one after another.
//!
//! Why a student writes it: it is the thread pool of the chapter turned
//! into futures, it never has more than `limit` requests in flight, and no
//! lane waits for another: each starts its next request as soon as its own
//! finishes. But which lane fetches which page is fixed before any page
//! answers: the lane that got the slow page also has its share of quick
//! ones still to fetch, while the other lanes run out of work and stand
//! idle. A sliding window gives the next page to whichever slot frees first.

use exercise_support::Runtime;
use std::io;
use std::net::SocketAddr;

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn fetch_titles_limited(
    addr: SocketAddr,
    paths: Vec<String>,
    limit: usize,
) -> io::Result<Vec<String>> {
    let client = reqwest::Client::new();
    let lanes = (0..limit).map(|lane| {
        let (client, paths) = (&client, &paths);
        async move {
            let mut titles = Vec::new();
            for i in (lane..paths.len()).step_by(limit) {
                titles.push((i, fetch_title(client, addr, &paths[i]).await?));
            }
            Ok::<_, io::Error>(titles)
        }
    });
    let mut titles = vec![String::new(); paths.len()];
    for lane in futures::future::join_all(lanes).await {
        for (i, title) in lane? {
            titles[i] = title;
        }
    }
    Ok(titles)
}

/// The title of the page at `path`; an error if it fails or has no title.
async fn fetch_title(client: &reqwest::Client, addr: SocketAddr, path: &str) -> io::Result<String> {
    let url = format!("http://{addr}{path}");
    let body = client
        .get(&url)
        .send()
        .await
        .and_then(|answer| answer.error_for_status())
        .map_err(io::Error::other)?
        .text()
        .await
        .map_err(io::Error::other)?;
    let title = http_get::title(&body)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, format!("{url} has no <title>")))?;
    Ok(title.to_string())
}
