//! Chapter "I/O models": the same pages fetched from the slow server with
//! each of the five Unix I/O models (blocking, busy polling, multiplexing,
//! signal-driven, completion-based), with `select`, `poll` and `epoll`
//! called directly, with an event loop of callbacks, and with async/await
//! on tokio, async-std and smol, whose runtimes do that loop for us.
//!
//! Linux only: epoll, `SIGIO` to a thread and io_uring are Linux's. On
//! other systems the crate is empty, so that the rest of the book builds.
//! Run it with `cargo run --example io_models`.
#![cfg(target_os = "linux")]

pub mod async_std_version;
pub mod callback_loop;
pub mod five_models;
pub mod multiplexing;
pub mod scenario;
pub mod smol_version;
pub mod tokio_version;

use harness::{Example, Flag, Run, Runtime, Scenario, Settings, Timeline};
use scenario::*;
use std::net::SocketAddr;
use std::time::Instant;

/// Runs `model` against a fresh slow server, recorded on the timeline as
/// one span, and shows its report.
fn against_server(
    tl: &Timeline,
    settings: &Settings,
    lane: &str,
    model: impl FnOnce(SocketAddr, &Settings) -> Result<Report, String>,
) -> Result<String, String> {
    let server = server(settings)?;
    let record = tl.start(lane);
    match model(server.addr, settings) {
        Ok(report) => {
            record.done(Done {
                server_peak: server.stats.peak_in_flight(),
            });
            Ok(report.to_string())
        }
        Err(e) => Err(record.failed(e)),
    }
}

fn blocking(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(tl, s, "blocking", five_models::blocking)
}

fn busy_poll(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(tl, s, "polling", five_models::busy_poll)
}

fn select(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(tl, s, "select", |addr, s| {
        multiplexing::drive(addr, s, multiplexing::with_select)
    })
}

fn poll(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(tl, s, "poll", |addr, s| {
        multiplexing::drive(addr, s, multiplexing::with_poll)
    })
}

fn epoll(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(tl, s, "epoll", |addr, s| {
        multiplexing::drive(addr, s, multiplexing::with_epoll)
    })
}

fn signals(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(tl, s, "SIGIO", five_models::signal_driven)
}

fn io_uring(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(tl, s, "io_uring", five_models::completion)
}

fn callbacks(tl: &Timeline, s: &Settings) -> Result<String, String> {
    against_server(tl, s, "callback", callback_loop::crawl)
}

fn select_limit(_tl: &Timeline, s: &Settings) -> Result<String, String> {
    let server = server(s)?;
    multiplexing::above_the_limit(server.addr)
}

fn connect(_tl: &Timeline, s: &Settings) -> Result<String, String> {
    let server = server(s)?;
    let open = multiplexing::connect_non_blocking(server.addr)?;
    drop(server);
    // A port nobody listens on: bind one, note its number, close it.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?;
    let refused = multiplexing::connect_non_blocking(closed)?;
    Ok(format!("open: {open}; closed: {refused}"))
}

fn async_crawl(runtime: Runtime, tl: &Timeline, s: &Settings) -> Result<String, String> {
    let server = server(s)?;
    let (addr, ids): (SocketAddr, Vec<u64>) = (server.addr, page_ids(s).collect());
    let started = Instant::now();
    let record = tl.start("crawl");
    let pages = match runtime {
        Runtime::Tokio => tokio_version::block_on(tokio_version::crawl(addr, ids)),
        Runtime::AsyncStd => async_std_version::block_on(async_std_version::crawl(addr, ids)),
        Runtime::Smol => smol_version::block_on(smol_version::crawl(addr, ids)),
        Runtime::TokioCurrentThread | Runtime::Tiny => unreachable!("three runtimes only"),
    };
    let units = started.elapsed().as_secs_f64() / s.unit.as_secs_f64();
    match pages {
        Ok(pages) => {
            record.done(Done {
                server_peak: server.stats.peak_in_flight(),
            });
            Ok(format!("{pages} pages, {units:.1} units"))
        }
        Err(e) => Err(record.failed(e)),
    }
}

/// What `cargo run --example io_models` runs.
pub const EXAMPLE: Example = Example {
    name: "io_models",
    about: "The I/O models underneath, each fetching 100 slow pages.",
    runtimes: Runtime::THREE,
    default_unit_ms: 200,
    min_unit_ms: 50,
    flags: &[Flag {
        name: REQUESTS,
        default: 100,
        min: 1,
        max: 1000,
        help: "pages each model fetches at once",
    }],
    final_table: false,
    scenarios: &[
        Scenario {
            name: "blocking",
            about: "blocking sockets, a thread per request",
            run: Run::Once("threads", blocking),
            ideal: None,
        },
        Scenario {
            name: "busy_poll",
            about: "non-blocking sockets, read again and again",
            run: Run::Once("1 thread", busy_poll),
            ideal: None,
        },
        Scenario {
            name: "select",
            about: "multiplexing: select on one thread",
            run: Run::Once("1 thread", select),
            ideal: None,
        },
        Scenario {
            name: "poll",
            about: "multiplexing: poll on one thread",
            run: Run::Once("1 thread", poll),
            ideal: None,
        },
        Scenario {
            name: "epoll",
            about: "multiplexing: epoll on one thread",
            run: Run::Once("1 thread", epoll),
            ideal: None,
        },
        Scenario {
            name: "signals",
            about: "signal-driven: SIGIO says something is ready",
            run: Run::Once("1 thread", signals),
            ideal: None,
        },
        Scenario {
            name: "io_uring",
            about: "completion-based: the kernel reads into our buffers",
            run: Run::Once("1 thread", io_uring),
            ideal: None,
        },
        Scenario {
            name: "select_limit",
            about: "a socket numbered 1500: select, poll and epoll",
            run: Run::Once("1 thread", select_limit),
            ideal: None,
        },
        Scenario {
            name: "connect",
            about: "a non-blocking connect: EINPROGRESS, then SO_ERROR",
            run: Run::Once("1 thread", connect),
            ideal: None,
        },
        Scenario {
            name: "callbacks",
            about: "an event loop of callbacks on epoll, as a crawler",
            run: Run::Once("1 thread", callbacks),
            ideal: None,
        },
        Scenario {
            name: "async",
            about: "the same crawl with async/await",
            run: Run::PerRuntime(async_crawl),
            ideal: None,
        },
    ],
};
