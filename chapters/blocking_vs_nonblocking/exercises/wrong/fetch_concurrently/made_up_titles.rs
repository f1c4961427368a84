//! Wrong answer: it sends the ten requests at once but never reads an
//! answer; after a short wait it returns titles made from the ids.
//!
//! Why a student writes it: every title seen so far was `Detail {id}`, the
//! server counts ten requests in flight, and reading ten answers back looks
//! like the hard part. But a title is only known once its page has been
//! read: the checks' pages have a word in their titles drawn for each run,
//! and no answer can come back before its page's delay.

use exercise_support::Runtime;
use smol::io::AsyncWriteExt;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

pub const RUNTIME: Runtime = Runtime::Smol;

pub async fn fetch_titles(addr: SocketAddr, ids: Vec<u32>) -> io::Result<Vec<String>> {
    let mut streams = Vec::new();
    for id in &ids {
        let mut stream = smol::net::TcpStream::connect(addr).await?;
        let request =
            format!("GET /detail/{id} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await?;
        streams.push(stream);
    }
    smol::Timer::after(Duration::from_millis(50)).await;
    Ok(ids.iter().map(|id| format!("Detail {id}")).collect())
}
