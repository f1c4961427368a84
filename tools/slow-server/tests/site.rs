//! The site to crawl, over real loopback connections: the same seed gives
//! the same pages, a crawl by hand from the root finds exactly the pages
//! `Site::reachable` computes, broken links are 404, dead pages 500, and
//! slow pages wait their own delay.

use slow_server::site::{Kind, Site};
use slow_server::{Config, RunningServer, start};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(30);

/// Status and body of one GET.
fn get(addr: SocketAddr, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect_timeout(&addr, PATIENCE).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer[9..12].parse().unwrap();
    let body = answer.split_once("\r\n\r\n").unwrap().1.to_string();
    (status, body)
}

/// The `/site/M` links of a page, in order.
fn links(html: &str) -> Vec<u64> {
    html.split("<a href=\"/site/")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
        .collect()
}

fn site_server(site: Site) -> RunningServer {
    start(Config {
        delay: Duration::ZERO,
        seed: site.seed,
        site,
        ..Config::default()
    })
    .unwrap()
}

/// A crawl by hand, one page at a time: every page found, with its status
/// and its links.
fn crawl(addr: SocketAddr) -> BTreeMap<u64, (u16, Vec<u64>)> {
    let mut found = BTreeMap::new();
    let mut frontier = VecDeque::from([0]);
    let mut seen = BTreeSet::from([0]);
    while let Some(id) = frontier.pop_front() {
        let (status, body) = get(addr, &format!("/site/{id}"));
        let links = if status == 200 { links(&body) } else { vec![] };
        for &link in &links {
            if seen.insert(link) {
                frontier.push_back(link);
            }
        }
        found.insert(id, (status, links));
    }
    found
}

#[test]
fn a_crawl_finds_every_reachable_page_and_the_same_seed_gives_the_same_site() {
    let site = Site {
        pages: 600,
        seed: 7,
        ..Site::default()
    };
    let server = site_server(site.clone());
    let found = crawl(server.addr);
    let ids: BTreeSet<u64> = found.keys().copied().collect();
    assert_eq!(
        ids,
        site.reachable(),
        "a crawl must find what reachable() says"
    );
    assert!(
        ids.len() > 450,
        "most pages should be reachable: {}",
        ids.len()
    );
    for (&id, (status, links)) in &found {
        let want = match site.kind(id) {
            Kind::Normal | Kind::Slow => 200,
            Kind::Dead => 500,
            Kind::Missing => 404,
        };
        assert_eq!(*status, want, "page {id}");
        assert_eq!(*links, site.links(id), "page {id}");
    }
    assert!(
        found.values().any(|(s, _)| *s == 404),
        "some links are broken"
    );
    assert!(
        found.values().any(|(s, _)| *s == 500),
        "some pages are dead"
    );

    // Another server with the same seed serves the same site; another seed does not.
    let again = site_server(site.clone());
    assert_eq!(crawl(again.addr), found);
    let other = Site { seed: 8, ..site };
    assert_ne!(other.reachable(), ids);
    assert_ne!(
        other.links(0),
        Site {
            seed: 7,
            ..other.clone()
        }
        .links(0)
    );
}

#[test]
fn broken_links_404_and_slow_pages_wait_their_delay() {
    let site = Site {
        pages: 400,
        broken_percent: 20,
        slow_percent: 10,
        slow: Duration::from_millis(300),
        ..Site::default()
    };
    let server = site_server(site.clone());
    let broken: Vec<u64> = (0..site.pages)
        .flat_map(|id| site.links(id))
        .filter(|&l| l >= site.pages)
        .take(5)
        .collect();
    assert_eq!(broken.len(), 5);
    for id in broken {
        let (status, body) = get(server.addr, &format!("/site/{id}"));
        assert_eq!(status, 404, "{body}");
    }
    assert_eq!(get(server.addr, "/site/x").0, 404);
    let slow = (0..site.pages)
        .find(|&id| site.kind(id) == Kind::Slow)
        .unwrap();
    let normal = (1..site.pages)
        .find(|&id| site.kind(id) == Kind::Normal)
        .unwrap();
    let time = |id: u64| {
        let started = Instant::now();
        assert_eq!(get(server.addr, &format!("/site/{id}")).0, 200);
        started.elapsed()
    };
    assert!(time(slow) >= Duration::from_millis(300));
    assert!(time(normal) < Duration::from_millis(300));
    // Without a site, /site/0 does not exist.
    let plain = start(Config::with_delay(Duration::ZERO)).unwrap();
    assert_eq!(get(plain.addr, "/site/0").0, 404);
}

#[test]
fn injected_failures_are_transient_a_retry_gets_the_page() {
    let site = Site::with_pages(50);
    let server = start(Config {
        delay: Duration::ZERO,
        fail_500_percent: 50,
        site,
        ..Config::default()
    })
    .unwrap();
    let statuses: Vec<u16> = (0..40).map(|_| get(server.addr, "/site/0").0).collect();
    assert!(
        statuses.contains(&500) && statuses.contains(&200),
        "{statuses:?}"
    );
}

#[test]
fn the_program_serves_a_site_and_refuses_bad_site_flags() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_slow-server"))
        .args(["--site-dead", "101"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`--site-dead` takes a whole number from 0 to 100"),
        "{stderr}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_slow-server"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--site-pages",
        "--site-links",
        "--site-broken",
        "--site-slow-ms",
        "/site/N",
    ] {
        assert!(help.contains(flag), "the help must name {flag}");
    }
}
