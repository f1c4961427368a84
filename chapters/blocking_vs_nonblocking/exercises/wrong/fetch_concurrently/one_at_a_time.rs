//! Wrong answer: each request is awaited before the next one is sent, so the
//! ten pages take ten delays.
//!
//! Why a student writes it: it is the synchronous loop with `.await` added,
//! and it reads as "async" (an `async fn`, a non-blocking client, one shared
//! `Client`). But `.await` inside the loop waits for that answer before the
//! loop goes on: nothing else is in flight meanwhile. Concurrency comes from
//! starting every request first (spawn them, or `join_all`), then waiting.

use exercise_support::Runtime;
use std::io;
use std::net::SocketAddr;

pub const RUNTIME: Runtime = Runtime::Tokio;

pub async fn fetch_titles(addr: SocketAddr, ids: Vec<u32>) -> io::Result<Vec<String>> {
    let client = reqwest::Client::new();
    let mut titles = Vec::new();
    for id in ids {
        let body = client
            .get(format!("http://{addr}/detail/{id}"))
            .send()
            .await
            .and_then(|answer| answer.error_for_status())
            .map_err(io::Error::other)?
            .text()
            .await
            .map_err(io::Error::other)?;
        let title = http_get::title(&body)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "a page has no <title>"))?;
        titles.push(title.to_string());
    }
    Ok(titles)
}
