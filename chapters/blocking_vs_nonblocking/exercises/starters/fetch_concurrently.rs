// Exercise `fetch_concurrently`: replace the `todo` below with your code, then run
// `cargo exercise check fetch_concurrently`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

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
    todo!("start one request per id, then collect the titles in order")
}
