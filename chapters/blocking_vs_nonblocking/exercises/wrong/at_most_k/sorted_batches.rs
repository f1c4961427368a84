//! Wrong answer: fixed batches of `limit`, after sorting the paths by the
//! delay written in them, so that each batch holds pages of about the same
//! delay; the titles are then put back in the order of the paths.
//!
//! Why a student writes it: the paths say how long each page waits
//! (`?delay_ms=`), and sorting them fixes what makes batches slow when
//! slow pages are spread over many batches. But a batch still leaves its
//! slots idle while its slowest page waits: the one slow page's batch holds
//! up everything after it, while a sliding window fetches the quick pages in
//! the other slots meanwhile. Real pages do not say their delays anyway.

use exercise_support::Runtime;
use std::io;
use std::net::SocketAddr;

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn fetch_titles_limited(
    addr: SocketAddr,
    paths: Vec<String>,
    limit: usize,
) -> io::Result<Vec<String>> {
    let delay_ms = |path: &str| -> u64 {
        let query = path.split_once("delay_ms=").map_or("", |(_, rest)| rest);
        query.split('&').next().and_then(|ms| ms.parse().ok()).unwrap_or(0)
    };
    let mut order: Vec<usize> = (0..paths.len()).collect();
    order.sort_by_key(|&i| delay_ms(&paths[i]));
    let client = reqwest::Client::new();
    let mut titles = vec![String::new(); paths.len()];
    for batch in order.chunks(limit) {
        let requests = batch.iter().map(|&i| fetch_title(&client, addr, &paths[i]));
        let answers = futures::future::join_all(requests).await;
        for (&i, title) in batch.iter().zip(answers) {
            titles[i] = title?;
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
