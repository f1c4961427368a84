//! Each I/O model against a real slow server on loopback: every page comes
//! back whole, the server sees all requests at once, one delay passes (not
//! one per request), and the CPU figures say who waited and who spun.
#![cfg(target_os = "linux")]

use harness::Settings;
use io_models::scenario::*;
use io_models::{
    EXAMPLE, async_std_version, callback_loop, five_models, multiplexing, smol_version,
    tokio_version,
};
use std::net::SocketAddr;
use std::time::Instant;

const PAGES: u64 = 30;

/// Held by the tests that measure CPU time or spin, so that they do not
/// run beside each other (the test harness runs tests in parallel).
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn settings() -> Settings {
    harness::cli::settings(&EXAMPLE, &["--requests", "30", "--unit-ms", "100"])
}

/// Runs a model against its own server; returns its report and the most
/// requests the server had waiting at once.
fn run(model: fn(SocketAddr, &Settings) -> Result<Report, String>) -> (Report, u64) {
    let s = settings();
    let server = server(&s).unwrap();
    let report = model(server.addr, &s).unwrap();
    (report, server.stats.peak_in_flight())
}

/// Every page, all in flight at once, in about one delay: with room for a
/// loaded machine, well under a third of the 30 delays that one request
/// after another would take.
fn assert_concurrent(name: &str, report: &Report, peak: u64) {
    assert_eq!(report.pages as u64, PAGES, "{name}: {report}");
    assert_eq!(
        peak, PAGES,
        "{name}: the server did not see every request at once"
    );
    assert!(
        (0.9..10.0).contains(&report.units),
        "{name} took {:.2} units for {PAGES} requests of one unit each",
        report.units
    );
}

#[test]
fn every_model_fetches_every_page_in_about_one_delay() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let models: [(&str, fn(SocketAddr, &Settings) -> Result<Report, String>); 7] = [
        ("blocking", five_models::blocking),
        ("busy_poll", five_models::busy_poll),
        ("select", |a, s| {
            multiplexing::drive(a, s, multiplexing::with_select)
        }),
        ("poll", |a, s| {
            multiplexing::drive(a, s, multiplexing::with_poll)
        }),
        ("epoll", |a, s| {
            multiplexing::drive(a, s, multiplexing::with_epoll)
        }),
        ("signals", five_models::signal_driven),
        ("callbacks", callback_loop::crawl),
    ];
    for (name, model) in models {
        let (report, peak) = run(model);
        assert_concurrent(name, &report, peak);
    }
}

#[test]
fn io_uring_fetches_every_page_or_says_it_is_not_available() {
    let s = settings();
    let server = server(&s).unwrap();
    match five_models::completion(server.addr, &s) {
        Ok(report) => assert_concurrent("io_uring", &report, server.stats.peak_in_flight()),
        // Some containers forbid io_uring: then the error must say so.
        Err(e) => assert!(e.contains("io_uring is not available"), "{e}"),
    }
}

#[test]
fn busy_polling_burns_the_cpu_that_waiting_in_epoll_does_not() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let s = settings();
    let (polled, _) = run(five_models::busy_poll);
    let (waited, _) = run(|a, s| multiplexing::drive(a, s, multiplexing::with_epoll));
    let wall = |r: &Report| s.unit.mul_f64(r.units);
    // A spinning thread never goes to sleep, however little CPU a busy
    // machine gives it; a thread waiting in epoll sleeps and uses almost
    // none of its wall-clock time.
    assert!(
        polled.sleeps.unwrap() <= 2,
        "busy polling slept {:?} times: {polled}",
        polled.sleeps
    );
    assert!(waited.sleeps.unwrap() >= 1, "epoll never slept: {waited}");
    assert!(waited.cpu < wall(&waited) / 10, "epoll used {waited}");
    let empty: u64 = polled
        .note
        .trim_start_matches('~')
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        empty > 1000,
        "only {empty} empty reads while waiting a whole delay"
    );
}

#[test]
fn select_refuses_a_descriptor_above_1023_and_poll_and_epoll_take_it() {
    let s = settings();
    let server = server(&s).unwrap();
    let said = multiplexing::above_the_limit(server.addr).unwrap();
    assert_eq!(said, "select: 1500 refused; poll: 1501 ok; epoll: 1502 ok");
}

#[test]
fn select_says_why_it_refuses() {
    let s = settings();
    let server = server(&s).unwrap();
    harness::open_files::ensure(1200, "this test").unwrap();
    let page = Pending::send(server.addr, 1).unwrap();
    let high = rustix::io::fcntl_dupfd_cloexec(&page.stream, 1100).unwrap();
    let page = Pending {
        stream: std::net::TcpStream::from(high),
        ..page
    };
    let error = multiplexing::with_select(vec![page])
        .map(|_| ())
        .unwrap_err();
    assert!(
        error.starts_with("descriptor 11") && error.contains("0 to 1023") && error.contains("poll"),
        "{error}"
    );
}

#[test]
fn a_non_blocking_connect_is_in_progress_then_connected_or_refused() {
    let s = settings();
    let server = server(&s).unwrap();
    assert_eq!(
        multiplexing::connect_non_blocking(server.addr).unwrap(),
        "EINPROGRESS→0"
    );
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let refused = multiplexing::connect_non_blocking(closed).unwrap();
    assert!(
        refused.ends_with("→ECONNREFUSED") || refused == "ECONNREFUSED",
        "{refused}"
    );
}

#[test]
fn the_async_crawl_fetches_every_page_in_about_one_delay_on_each_runtime() {
    let s = settings();
    let ids = || page_ids(&s).collect::<Vec<u64>>();
    for runtime in ["tokio", "async-std", "smol"] {
        let server = server(&s).unwrap();
        let addr = server.addr;
        let started = Instant::now();
        let pages = match runtime {
            "tokio" => tokio_version::block_on(tokio_version::crawl(addr, ids())),
            "async-std" => async_std_version::block_on(async_std_version::crawl(addr, ids())),
            _ => smol_version::block_on(smol_version::crawl(addr, ids())),
        }
        .unwrap();
        let units = started.elapsed().as_secs_f64() / s.unit.as_secs_f64();
        let report = Report {
            pages,
            units,
            cpu: Default::default(),
            sleeps: None,
            note: String::new(),
        };
        assert_concurrent(runtime, &report, server.stats.peak_in_flight());
    }
}

#[test]
fn a_wrong_page_is_an_error_that_names_it() {
    let s = settings();
    let server = server(&s).unwrap();
    let mut page = Pending::send(server.addr, 7).unwrap();
    std::io::Read::read_to_end(&mut page.stream, &mut page.answer).unwrap();
    assert_eq!(page.check(), Ok(()));
    let error = check_answer(8, &page.answer).unwrap_err();
    assert!(
        error.contains("page 8") && error.contains("Detail 7"),
        "{error}"
    );
}
