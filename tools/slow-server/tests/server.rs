//! The slow server over real loopback connections: concurrency without a
//! thread per request, per-request delays, failures, keep-alive, and the
//! program's command line and Ctrl-C.

use slow_server::{Config, start};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn many_slow_requests_wait_together() {
    let delay = Duration::from_millis(300);
    let server = start(Config::with_delay(delay)).unwrap();
    let started = Instant::now();
    let threads: Vec<_> = (0..100)
        .map(|i| {
            let addr = server.addr;
            std::thread::spawn(move || get(addr, &format!("/detail/{i}")))
        })
        .collect();
    for (i, t) in threads.into_iter().enumerate() {
        assert!(
            t.join()
                .unwrap()
                .contains(&format!("<title>Detail {i}</title>"))
        );
    }
    let took = started.elapsed();
    // One delay for all 100, not 100 delays (with room for a slow machine).
    assert!(took >= delay && took < delay * 3, "took {took:?}");
    assert_eq!(server.stats.peak_in_flight(), 100);
    assert_eq!(server.stats.served(), 100);
}

#[test]
fn a_request_can_ask_for_its_own_delay() {
    let server = start(Config::with_delay(Duration::from_secs(30))).unwrap();
    let started = Instant::now();
    assert!(get(server.addr, "/hello?delay_ms=10").contains("Hello from the slow server"));
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn failures_on_request() {
    let server = start(Config {
        delay: Duration::ZERO,
        hang_for: Duration::from_millis(300),
        ..Config::default()
    })
    .unwrap();
    assert!(get(server.addr, "/hello?fail=500").starts_with("HTTP/1.1 500 "));
    assert_eq!(get(server.addr, "/hello?fail=close"), "");
    // A hanging request gets nothing, and a client with a timeout gives up.
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    write!(stream, "GET /hello?fail=hang HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let err = stream.read(&mut [0; 16]).unwrap_err();
    assert!(matches!(
        err.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    ));
    assert!(get(server.addr, "/status/418").starts_with("HTTP/1.1 418 "));
    assert!(get(server.addr, "/nope").starts_with("HTTP/1.1 404 "));
}

#[test]
fn keep_alive_serves_several_requests_on_one_connection() {
    let server = start(Config::with_delay(Duration::ZERO)).unwrap();
    let mut stream = TcpStream::connect(server.addr).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    for i in 0..3 {
        write!(stream, "GET /detail/{i} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.trim().parse().unwrap();
            }
            if line == "\r\n" {
                break;
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        assert!(
            String::from_utf8(body)
                .unwrap()
                .contains(&format!("Detail {i}"))
        );
    }
    assert!(get(server.addr, "/stats").contains("\"served\":3"));
}

fn program() -> Command {
    Command::new(env!("CARGO_BIN_EXE_slow-server"))
}

#[test]
fn the_program_prints_its_address_and_stops_on_ctrl_c() {
    let mut child = program()
        .args(["--port", "0", "--delay-ms", "10"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    assert!(addr.starts_with("127.0.0.1:"), "{first}");
    assert!(get(addr.parse().unwrap(), "/detail/5").contains("Detail 5"));
    // Ctrl-C is SIGINT.
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    assert!(status.success(), "{status:?}");
    assert!(
        rest.contains("stopped after answering 1 requests"),
        "{rest}"
    );
}

#[test]
fn the_program_refuses_bad_arguments() {
    let out = program().args(["--delay-ms", "soon"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`--delay-ms` takes a whole number"),
        "{stderr}"
    );
    assert!(stderr.contains("--help"), "{stderr}");
}
