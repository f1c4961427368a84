//! The crawler on async-std: the book's small client over async-std's
//! `TcpStream`, spawned tasks in a `FuturesUnordered`, `async_std::future::
//! timeout` and `task::sleep`, and Ctrl-C from `async-signal` (async-std
//! has no signal handling of its own; it was discontinued in 2025, and its
//! maintainers point to smol).

use crate::frontier::Crawl;
use crate::scenario::*;
use async_signal::{Signal, Signals};
use async_std::net::TcpStream;
use async_std::task;
use futures::StreamExt;
use futures::future::{Either, select};
use futures::stream::FuturesUnordered;
use std::net::SocketAddr;
use std::pin::pin;

/// Runs a future to completion on async-std's global executor.
pub fn block_on<F: Future>(future: F) -> F::Output {
    task::block_on(future)
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
        let fetched = async_std::future::timeout(policy.timeout, get(addr, &path)).await;
        match policy.after(&path, attempt, fetched.unwrap_or(Fetched::TimedOut)) {
            Next::Done(page) => return Some(page),
            Next::RetryAfter(wait) => {
                let (sleep, stopping) = (pin!(task::sleep(wait)), pin!(stop.stopping()));
                if let Either::Right(_) = select(sleep, stopping).await {
                    return None;
                }
            }
        }
        attempt += 1;
    }
}
// ANCHOR_END: fetch

// ANCHOR: crawl
/// Crawls until the frontier is empty and nothing is in flight (`true`),
/// or Ctrl-C comes (`false`): then it starts no page and no try, the pages
/// waiting to retry give up at once, the tries in flight get `GRACE` to
/// finish, and the rest are cancelled. Dropping an async-std `JoinHandle`
/// would only detach its task: `cancel` stops it. A failed write to the
/// results file stops the crawl at once.
pub async fn crawl(addr: SocketAddr, crawl: &mut Crawl) -> bool {
    let mut ctrl_c = Signals::new([Signal::Int]).expect("listen for Ctrl-C");
    let (stop_tx, stop) = Stop::new();
    let mut running = FuturesUnordered::new();
    loop {
        while let Some(path) = crawl.next_to_start(running.len()) {
            running.push(task::spawn(fetch_page(
                addr,
                path,
                crawl.policy,
                stop.clone(),
            )));
        }
        // `select` polls its first future first: Ctrl-C.
        match select(ctrl_c.next(), running.next()).await {
            Either::Left(_) => break,
            Either::Right((Some(page), _)) => crawl.finished(page), // `None`: not done
            Either::Right((None, _)) => return true,
        }
        if crawl.write_error.is_some() {
            cancel_all(running).await;
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
    let _ = async_std::future::timeout(GRACE, drain).await;
    cancel_all(running).await;
    false
}

/// Cancels every task not done yet, and waits until each has stopped.
async fn cancel_all(running: FuturesUnordered<task::JoinHandle<Option<PageResult>>>) {
    for task in running {
        task.cancel().await;
    }
}
// ANCHOR_END: crawl
