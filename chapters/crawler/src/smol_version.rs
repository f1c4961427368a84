//! The crawler on smol: the book's small client over smol's `TcpStream`,
//! spawned tasks in a `FuturesUnordered`, a `Timer` raced with `or` for the
//! timeout, and Ctrl-C from `async-signal`, on smol's own reactor.

use crate::frontier::Crawl;
use crate::scenario::*;
use async_signal::{Signal, Signals};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use smol::future::FutureExt;
use smol::net::TcpStream;
use smol::{Task, Timer};
use std::net::SocketAddr;

/// Runs a future to completion on the calling thread (smol's `block_on`);
/// spawned tasks run on smol's global executor.
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
}

// ANCHOR: fetch
/// One attempt: the answer, or why none came.
async fn get(addr: SocketAddr, path: &str) -> Fetched {
    let page = async {
        let stream = TcpStream::connect(addr).await?;
        http_get::get(stream, &addr.to_string(), path).await
    };
    match page.await {
        Ok(page) => Fetched::Answer {
            status: page.status,
            body: page.body,
        },
        Err(e) => Fetched::Broken(e.to_string()),
    }
}

/// A page, tried until the policy says it is done; `None` if the crawl
/// stopped while it waited to try again (no new try starts after Ctrl-C).
async fn fetch_page(
    addr: SocketAddr,
    path: String,
    policy: Policy,
    stop: Stop,
) -> Option<PageResult> {
    let mut attempt = 1;
    loop {
        let too_late = async {
            Timer::after(policy.timeout).await;
            Fetched::TimedOut
        };
        let fetched = get(addr, &path).or(too_late).await;
        match policy.after(&path, attempt, fetched) {
            Next::Done(page) => return Some(page),
            Next::RetryAfter(wait) => {
                let waited = async {
                    Timer::after(wait).await;
                    true
                };
                let stopped = async {
                    stop.stopping().await;
                    false
                };
                if !stopped.or(waited).await {
                    return None;
                }
            }
        }
        attempt += 1;
    }
}
// ANCHOR_END: fetch

/// What ended a wait of the crawl's loop.
enum Woke {
    /// A task ended (`Some(None)`: a page not done); `None`: all have.
    Finished(Option<Option<PageResult>>),
    CtrlC,
}

// ANCHOR: crawl
/// Crawls until the frontier is empty and nothing is in flight (`true`),
/// or Ctrl-C comes (`false`): then it starts no page and no try, the pages
/// waiting to retry give up at once, the tries in flight get `GRACE` to
/// finish, and the rest are dropped (dropping a smol `Task` cancels it).
/// A failed write to the results file stops it at once.
pub async fn crawl(addr: SocketAddr, crawl: &mut Crawl) -> bool {
    let mut ctrl_c = Signals::new([Signal::Int]).expect("listen for Ctrl-C");
    let (stop_tx, stop) = Stop::new();
    let mut running: FuturesUnordered<Task<Option<PageResult>>> = FuturesUnordered::new();
    loop {
        while let Some(path) = crawl.next_to_start(running.len()) {
            running.push(smol::spawn(fetch_page(
                addr,
                path,
                crawl.policy,
                stop.clone(),
            )));
        }
        let finished = async { Woke::Finished(running.next().await) };
        let interrupted = async {
            ctrl_c.next().await;
            Woke::CtrlC
        };
        // `or` polls its first future first: Ctrl-C, even when a page is ready.
        match interrupted.or(finished).await {
            Woke::CtrlC => break,
            Woke::Finished(Some(page)) => crawl.finished(page), // `None`: not done
            Woke::Finished(None) => return true,
        }
        if crawl.write_error.is_some() {
            return false;
        }
    }
    crawl.progress.say(&interrupted(running.len()));
    drop(stop_tx);
    let drain = async {
        while let Some(page) = running.next().await {
            crawl.finished(page);
            if crawl.write_error.is_some() {
                return;
            }
        }
    };
    let grace_over = async {
        Timer::after(GRACE).await;
    };
    drain.or(grace_over).await;
    false
}
// ANCHOR_END: crawl
