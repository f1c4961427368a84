//! What a bridge to tokio costs: reqwest (which needs tokio) driven from
//! tokio itself, from async-std and smol through `async-compat`, and from
//! smol through a tokio runtime on a side thread, against the local slow
//! server with no delay. The figures behind the chapter "Bridging threads
//! and runtimes".
//!
//! ```text
//! cargo bench --bench bridging
//! cargo bench --bench bridging -- --requests 5000
//! ```
//!
//! "one by one" sends the requests one after another, so each pays the
//! bridge's extra hops between threads in full; "all at once" sends them
//! together, where the hops overlap. Each figure is the best of 3 runs.

use async_compat::CompatExt;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo bench --bench bridging -- [--requests 100-20000]";

/// The ways to drive reqwest that the table compares.
const WAYS: [&str; 5] = [
    "tokio (no bridge)",
    "async-std + async-compat",
    "smol + async-compat",
    "async-std + side runtime",
    "smol + side runtime",
];

/// `requests` requests one by one, then all at once; the time of each.
async fn one_by_one_then_all(
    client: reqwest::Client,
    url: String,
    requests: usize,
) -> (Duration, Duration) {
    let started = Instant::now();
    for _ in 0..requests {
        let answer = client
            .get(&url)
            .send()
            .await
            .expect("the slow server answers");
        assert_eq!(answer.status(), 200);
        answer.bytes().await.expect("the body");
    }
    let one_by_one = started.elapsed();
    let started = Instant::now();
    let all = (0..requests).map(|_| async {
        let answer = client
            .get(&url)
            .send()
            .await
            .expect("the slow server answers");
        answer.bytes().await.expect("the body")
    });
    futures::future::join_all(all).await;
    (one_by_one, started.elapsed())
}

/// The same requests, each sent as a task on a side tokio runtime, awaited here.
async fn on_side_runtime(
    side: &tokio::runtime::Handle,
    client: reqwest::Client,
    url: String,
    requests: usize,
) -> (Duration, Duration) {
    let get = |client: reqwest::Client, url: String| async move {
        let answer = client
            .get(&url)
            .send()
            .await
            .expect("the slow server answers");
        answer.bytes().await.expect("the body")
    };
    let started = Instant::now();
    for _ in 0..requests {
        side.spawn(get(client.clone(), url.clone()))
            .await
            .expect("the request task");
    }
    let one_by_one = started.elapsed();
    let started = Instant::now();
    let all: Vec<_> = (0..requests)
        .map(|_| side.spawn(get(client.clone(), url.clone())))
        .collect();
    for task in all {
        task.await.expect("the request task");
    }
    (one_by_one, started.elapsed())
}

/// A call that needs tokio (its timer, for the timeout) and ends at once.
async fn tokio_only_call() -> u32 {
    tokio::time::timeout(Duration::from_secs(1), async { 1 })
        .await
        .unwrap()
}

/// `CALLS` such calls, each bridged on its own: the bare cost of one crossing.
const CALLS: u32 = 100_000;

fn bare_calls(way: &str) -> Duration {
    let started = Instant::now();
    let sum: u32 = match way {
        "tokio (no bridge)" => tokio::runtime::Runtime::new().unwrap().block_on(async {
            let mut sum = 0;
            for _ in 0..CALLS {
                sum += tokio_only_call().await;
            }
            sum
        }),
        "async-std + async-compat" => async_std::task::block_on(async {
            let mut sum = 0;
            for _ in 0..CALLS {
                sum += tokio_only_call().compat().await;
            }
            sum
        }),
        "smol + async-compat" => smol::block_on(async {
            let mut sum = 0;
            for _ in 0..CALLS {
                sum += tokio_only_call().compat().await;
            }
            sum
        }),
        "async-std + side runtime" => {
            let side = tokio::runtime::Runtime::new().unwrap();
            async_std::task::block_on(async {
                let mut sum = 0;
                for _ in 0..CALLS {
                    sum += side.spawn(tokio_only_call()).await.unwrap();
                }
                sum
            })
        }
        "smol + side runtime" => {
            let side = tokio::runtime::Runtime::new().unwrap();
            smol::block_on(async {
                let mut sum = 0;
                for _ in 0..CALLS {
                    sum += side.spawn(tokio_only_call()).await.unwrap();
                }
                sum
            })
        }
        _ => unreachable!("a way from WAYS"),
    };
    assert_eq!(sum, CALLS);
    started.elapsed()
}

fn run(way: &str, url: &str, requests: usize) -> (Duration, Duration) {
    let (client, url) = (reqwest::Client::new(), url.to_string());
    match way {
        "tokio (no bridge)" => tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(one_by_one_then_all(client, url, requests)),
        "async-std + async-compat" => {
            async_std::task::block_on(one_by_one_then_all(client, url, requests).compat())
        }
        "smol + async-compat" => {
            smol::block_on(one_by_one_then_all(client, url, requests).compat())
        }
        "async-std + side runtime" => {
            let side = tokio::runtime::Runtime::new().unwrap();
            async_std::task::block_on(on_side_runtime(side.handle(), client, url, requests))
        }
        "smol + side runtime" => {
            let side = tokio::runtime::Runtime::new().unwrap();
            smol::block_on(on_side_runtime(side.handle(), client, url, requests))
        }
        _ => unreachable!("a way from WAYS"),
    }
}

fn main() -> ExitCode {
    // A benchmark piped into `head` ends quietly when the pipe closes.
    // SAFETY: nothing else runs yet; restoring a signal's default is sound.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    let mut requests = 2000usize;
    let mut args = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        if arg == "--bench" {
            continue; // cargo bench passes it
        }
        let value = args.next().and_then(|v| v.parse::<usize>().ok());
        match (arg.as_str(), value) {
            ("--requests", Some(n)) if (100..=20_000).contains(&n) => requests = n,
            _ => {
                eprintln!("error: unexpected or out-of-range `{arg}`; {USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let server = slow_server::start(slow_server::Config::with_delay(Duration::ZERO))
        .expect("start the slow server");
    let url = server.url("/");
    println!("bare call: a tokio-only call that ends at once, bridged on its own ({CALLS} times)");
    println!("one by one, all at once: {requests} requests to the local slow server (no delay)");
    println!("best of 3 runs; x: against tokio with no bridge (one by one / all at once)\n");
    println!(
        "{:<26} {:>9} {:>11} {:>9} {:>11} {:>9}",
        "way", "bare call", "one by one", "per req", "all at once", "per req"
    );
    let mut baseline = None;
    for way in WAYS {
        let best = (0..3)
            .map(|_| run(way, &url, requests))
            .fold((Duration::MAX, Duration::MAX), |(a, b), (x, y)| {
                (a.min(x), b.min(y))
            });
        let bare = (0..3).map(|_| bare_calls(way)).min().unwrap();
        let per = |d: Duration| d.as_secs_f64() * 1e6 / requests as f64;
        let base = *baseline.get_or_insert(best);
        println!(
            "{way:<26} {:>6.2} µs {:>8} ms {:>6.0} µs {:>8} ms {:>6.0} µs   x{:.2} / x{:.2}",
            bare.as_secs_f64() * 1e6 / CALLS as f64,
            best.0.as_millis(),
            per(best.0),
            best.1.as_millis(),
            per(best.1),
            best.0.as_secs_f64() / base.0.as_secs_f64(),
            best.1.as_secs_f64() / base.1.as_secs_f64(),
        );
    }
    ExitCode::SUCCESS
}
