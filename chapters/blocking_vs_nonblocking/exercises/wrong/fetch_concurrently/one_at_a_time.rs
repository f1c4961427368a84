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
            .map_err(io::Error::other)?
            .text()
            .await
            .map_err(io::Error::other)?;
        titles.push(http_get::title(&body).unwrap_or_default().to_string());
    }
    Ok(titles)
}
