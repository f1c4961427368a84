//! The slow server over real loopback connections: concurrency without a
//! thread per request, per-request delays, failures, keep-alive, the limits
//! that keep clients from breaking it, and the program's command line,
//! signals and closed stdout.
//!
//! Nothing here waits a fixed time for something to happen: a test polls the
//! server's own counters (`/stats`) until they say so, with a deadline of
//! many seconds, so a loaded machine makes a test slower, not red.

use slow_server::{Config, RunningServer, start};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Long enough for any answer on a loaded machine; a test that waits this
/// long has found a bug.
const PATIENCE: Duration = Duration::from_secs(30);

fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&addr, PATIENCE)
        .unwrap_or_else(|e| panic!("cannot connect to {addr}: {e}"));
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream
}

/// Sends `request` as it is and returns everything the server sends until
/// it closes the connection (or stops answering for [`PATIENCE`]).
fn exchange(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = connect(addr);
    // The server may close before it has read everything (that is the point
    // of some tests), so a failed write is not the test's failure.
    let _ = stream.write_all(request);
    read_to_close(&mut stream)
}

fn read_to_close(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    if let Err(e) = stream.read_to_end(&mut answer) {
        panic!(
            "no close after {:?} ({e}); got {:?}",
            String::from_utf8_lossy(&answer),
            e.kind()
        );
    }
    String::from_utf8_lossy(&answer).into_owned()
}

fn get(addr: SocketAddr, path: &str) -> String {
    exchange(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// One answer from a kept-alive connection: status line, and body.
fn read_answer(reader: &mut impl BufRead) -> (String, String) {
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.trim().parse().unwrap();
        }
        if line == "\r\n" || line.is_empty() {
            break;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    (status, String::from_utf8(body).unwrap())
}

/// The server's counters, from `/stats`.
#[derive(Debug)]
struct Counters {
    served: u64,
    in_flight: u64,
    peak_in_flight: u64,
    abandoned: u64,
}

fn counters(addr: SocketAddr) -> Counters {
    let answer = get(addr, "/stats");
    let field = |name: &str| -> u64 {
        let key = format!("\"{name}\":");
        let start = answer
            .find(&key)
            .unwrap_or_else(|| panic!("no {name} in {answer}"))
            + key.len();
        let digits: String = answer[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().unwrap()
    };
    Counters {
        served: field("served"),
        in_flight: field("in_flight"),
        peak_in_flight: field("peak_in_flight"),
        abandoned: field("abandoned"),
    }
}

/// Polls the server's counters until `done` says yes, for at most [`PATIENCE`].
fn wait_for(addr: SocketAddr, what: &str, done: impl Fn(&Counters) -> bool) -> Counters {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let now = counters(addr);
        if done(&now) {
            return now;
        }
        assert!(
            Instant::now() < deadline,
            "waited {PATIENCE:?} for {what}; the server says {now:?}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn server(config: Config) -> RunningServer {
    start(config).unwrap()
}

#[test]
fn many_slow_requests_wait_together() {
    let delay = Duration::from_millis(500);
    let server = server(Config::with_delay(delay));
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
    // One delay for all 100, not 100 delays (50 s): a tenth of that leaves
    // room for a slow machine.
    assert!(took >= delay && took < delay * 10, "took {took:?}");
    assert_eq!(server.stats.peak_in_flight(), 100);
    assert_eq!(server.stats.served(), 100);
}

#[test]
fn a_request_can_ask_for_its_own_delay() {
    let server = server(Config::with_delay(Duration::from_secs(30)));
    let started = Instant::now();
    assert!(get(server.addr, "/hello?delay_ms=10").contains("Hello from the slow server"));
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn failures_on_request() {
    let server = server(Config {
        delay: Duration::ZERO,
        // Far longer than the client waits below, however slow the machine.
        hang_for: Duration::from_secs(10),
        ..Config::default()
    });
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
    let server = server(Config::with_delay(Duration::ZERO));
    let mut stream = connect(server.addr);
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    for i in 0..3 {
        write!(stream, "GET /detail/{i} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let (status, body) = read_answer(&mut reader);
        assert!(status.starts_with("HTTP/1.1 200 "), "{status}");
        assert!(body.contains(&format!("Detail {i}")), "{body}");
    }
    assert!(get(server.addr, "/stats").contains("\"served\":3"));
}

#[test]
fn bad_delay_and_fail_values_are_answered_400_with_what_is_allowed() {
    let server = server(Config::with_delay(Duration::ZERO));
    for (query, allowed) in [
        ("delay_ms=60001", "from 0 to 60000"),
        ("delay_ms=soon", "from 0 to 60000"),
        ("fail=sometimes", "500, close or hang"),
    ] {
        let answer = get(server.addr, &format!("/hello?{query}"));
        assert!(answer.starts_with("HTTP/1.1 400 "), "{query}: {answer}");
        assert!(answer.contains(allowed), "{query}: {answer}");
    }
    assert!(get(server.addr, "/hello?delay_ms=0").starts_with("HTTP/1.1 200 "));
    assert_eq!(server.stats.served(), 1, "a refused request is not served");
}

#[test]
fn a_head_without_a_newline_is_cut_off_at_the_limit() {
    let server = server(Config::with_delay(Duration::ZERO));
    // One endless header line: 1 MiB, 64 times the limit, and no newline.
    let mut request = b"GET /hello HTTP/1.1\r\nX-Endless: ".to_vec();
    request.resize(request.len() + (1 << 20), b'a');
    let answer = exchange(server.addr, &request);
    assert!(answer.starts_with("HTTP/1.1 431 "), "{answer:.200}");
    assert!(answer.contains("16384 bytes at most"), "{answer:.200}");
    // Many short lines add up the same way.
    let mut request = b"GET /hello HTTP/1.1\r\n".to_vec();
    while request.len() < 64 * 1024 {
        request.extend_from_slice(b"X-Many: header\r\n");
    }
    request.extend_from_slice(b"\r\n");
    assert!(exchange(server.addr, &request).starts_with("HTTP/1.1 431 "));
    assert!(get(server.addr, "/hello").starts_with("HTTP/1.1 200 "));
}

#[test]
fn an_unfinished_head_is_answered_408_and_closed() {
    let server = server(Config {
        delay: Duration::ZERO,
        head_timeout: Duration::from_millis(500),
        ..Config::default()
    });
    let mut half = connect(server.addr);
    half.write_all(b"GET /hello HTTP/1.1\r\nHost: x").unwrap();
    let answer = read_to_close(&mut half);
    assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    assert!(answer.contains("within 500 ms"), "{answer}");
    // A connection that says nothing at all is a head that never comes.
    let answer = read_to_close(&mut connect(server.addr));
    assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
}

#[test]
fn an_idle_kept_alive_connection_is_closed() {
    let server = server(Config {
        delay: Duration::ZERO,
        idle_timeout: Duration::from_millis(500),
        ..Config::default()
    });
    let mut stream = connect(server.addr);
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    stream
        .write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert!(read_answer(&mut reader).0.starts_with("HTTP/1.1 200 "));
    // Then nothing, until the server closes the connection (quietly).
    let mut rest = String::new();
    reader.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "");
}

#[test]
fn a_post_body_is_read_not_taken_for_a_second_request() {
    let server = server(Config::with_delay(Duration::ZERO));
    let mut stream = connect(server.addr);
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    // A body that looks like a request, then a real request.
    let body = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";
    write!(
        stream,
        "POST /detail/1 HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{body}\
         GET /detail/2 HTTP/1.1\r\nHost: x\r\n\r\n",
        body.len()
    )
    .unwrap();
    let (status, _) = read_answer(&mut reader);
    assert!(status.starts_with("HTTP/1.1 405 "), "{status}");
    let (status, page) = read_answer(&mut reader);
    assert!(status.starts_with("HTTP/1.1 200 "), "{status}");
    assert!(page.contains("Detail 2"), "the body was answered: {page}");
    assert_eq!(server.stats.served(), 2);
}

#[test]
fn bodies_too_long_or_chunked_are_refused() {
    let server = server(Config::with_delay(Duration::ZERO));
    // The client sends its 10 MB body anyway; the answer must still arrive.
    let mut request = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n".to_vec();
    request.resize(request.len() + (1 << 20), b'b');
    let answer = exchange(server.addr, &request);
    assert!(answer.starts_with("HTTP/1.1 413 "), "{answer}");
    assert!(answer.contains("65536 bytes at most"), "{answer}");
    let answer = exchange(
        server.addr,
        b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 501 "), "{answer}");
    let answer = exchange(
        server.addr,
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
}

#[test]
fn a_client_that_leaves_during_its_delay_is_let_go() {
    let server = server(Config::with_delay(Duration::ZERO));
    let mut leaving = connect(server.addr);
    leaving
        .write_all(b"GET /hello?delay_ms=60000 HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    wait_for(server.addr, "the request to be in flight", |c| {
        c.in_flight == 1
    });
    drop(leaving);
    // Well before its minute is up.
    wait_for(server.addr, "the request to be let go", |c| {
        c.in_flight == 0 && c.abandoned == 1
    });
    assert_eq!(server.stats.served(), 0);
}

#[test]
fn dropping_a_running_server_answers_its_requests_in_flight_503() {
    let server = server(Config::with_delay(Duration::from_secs(60)));
    let addr = server.addr;
    let waiting = std::thread::spawn(move || get(addr, "/hello"));
    wait_for(addr, "the request to be in flight", |c| c.in_flight == 1);
    drop(server);
    let answer = waiting.join().unwrap();
    assert!(answer.starts_with("HTTP/1.1 503 "), "{answer}");
    assert!(answer.contains("shutting down"), "{answer}");
}

// The program, started as a child process.

fn program() -> Command {
    Command::new(env!("CARGO_BIN_EXE_slow-server"))
}

/// A running `slow-server` program; killed if a test fails before it stops.
struct Program {
    child: Child,
    addr: SocketAddr,
    /// What it printed after its first line; `None` once the test closed it.
    stdout: Option<BufReader<ChildStdout>>,
}

impl Program {
    fn start(args: &[&str]) -> Program {
        Program::from_command(program().args(args))
    }

    /// The program with at most `limit` open file descriptors, set by the
    /// shell's `ulimit` just before it becomes the program.
    #[cfg(unix)]
    fn start_with_descriptor_limit(limit: u32, args: &[&str]) -> Program {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!("ulimit -n {limit} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_slow-server"))
            .args(args);
        Program::from_command(&mut command)
    }

    fn from_command(command: &mut Command) -> Program {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|addr| addr.parse().ok())
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        Program {
            child,
            addr,
            stdout: Some(stdout),
        }
    }

    #[cfg(unix)]
    fn signal(&self, name: &str) {
        let sent = Command::new("kill")
            .args(["-s", name, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -s {name} failed");
    }

    /// Waits for the program to end, for at most [`PATIENCE`].
    fn wait(&mut self) -> ExitStatus {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the program did not stop within {PATIENCE:?}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn rest_of_stdout(&mut self) -> String {
        let mut rest = String::new();
        let stdout = self.stdout.as_mut().expect("stdout is still open");
        stdout.read_to_string(&mut rest).unwrap();
        rest
    }

    fn stderr(&mut self) -> String {
        let mut err = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        err
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_and_sigterm_answer_the_requests_in_flight_503_and_exit_0() {
    for signal in ["INT", "TERM"] {
        let mut server = Program::start(&["--port", "0", "--delay-ms", "60000"]);
        let addr = server.addr;
        assert!(get(addr, "/hello?delay_ms=0").contains("Hello"));
        let waiting: Vec<_> = (0..3)
            .map(|i| std::thread::spawn(move || get(addr, &format!("/detail/{i}"))))
            .collect();
        wait_for(addr, "three requests in flight", |c| c.in_flight == 3);
        server.signal(signal);
        let status = server.wait();
        assert!(status.success(), "SIG{signal}: {status:?}");
        for answer in waiting {
            let answer = answer.join().unwrap();
            assert!(answer.starts_with("HTTP/1.1 503 "), "SIG{signal}: {answer}");
        }
        let rest = server.rest_of_stdout();
        assert!(
            rest.contains("stopped after answering 4 requests")
                && rest.contains("the 3 requests in flight were answered 503"),
            "SIG{signal}: {rest}"
        );
        assert!(TcpStream::connect(addr).is_err(), "still listening");
    }
}

#[cfg(unix)]
#[test]
fn the_server_outlives_the_reader_of_its_first_line() {
    let mut server = Program::start(&["--port", "0", "--delay-ms", "0"]);
    let addr = server.addr;
    // Whoever read the address goes away (`slow-server | head -1`).
    server.stdout = None;
    assert!(get(addr, "/detail/5").contains("Detail 5"));
    server.signal("INT");
    let status = server.wait();
    let stderr = server.stderr();
    assert!(status.success(), "{status:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn help_into_a_closed_pipe_is_not_a_panic() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader); // `slow-server --help | true`, with `true` already gone
    let out = program()
        .arg("--help")
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn the_help_says_what_ctrl_c_and_sigterm_do() {
    let out = program().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        help.contains("Ctrl-C (SIGINT) or SIGTERM stops accepting connections, answers\nevery request still waiting with 503 at once"),
        "{help}"
    );
}

#[test]
fn the_program_refuses_bad_arguments() {
    let refused = |args: &[&std::ffi::OsStr], want: &str| {
        let out = program().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(want), "{args:?}: {stderr}");
        assert!(stderr.contains("--help"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    };
    let os = std::ffi::OsStr::new;
    refused(
        &[os("--delay-ms"), os("soon")],
        "`--delay-ms` takes a whole number",
    );
    refused(
        &[os("--delay")],
        "unknown flag `--delay`; allowed: --port, --delay-ms",
    );
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        refused(
            &[os("--port"), std::ffi::OsStr::from_bytes(b"80\xff")],
            "is not valid UTF-8",
        );
    }
}

/// Twenty thousand clients ask for a minute's delay and leave at once, 500 at
/// a time, to a server that may open 1024 files: it must let each go (and
/// close its socket) at once, or it runs out of descriptors within three
/// rounds and answers nothing, not even `/stats`.
#[cfg(unix)]
#[test]
fn twenty_thousand_clients_that_leave_do_not_use_up_the_descriptors() {
    const ROUNDS: u64 = 40;
    const AT_ONCE: u64 = 500;
    let server = Program::start_with_descriptor_limit(1024, &["--port", "0", "--delay-ms", "0"]);
    let addr = server.addr;
    for round in 0..ROUNDS {
        let leaving: Vec<TcpStream> = (0..AT_ONCE)
            .map(|_| {
                let mut client = connect(addr);
                client
                    .write_all(b"GET /hello?delay_ms=60000 HTTP/1.1\r\nHost: x\r\n\r\n")
                    .unwrap();
                client
            })
            .collect();
        wait_for(addr, &format!("round {round}: all in flight"), |c| {
            c.in_flight == AT_ONCE
        });
        drop(leaving);
        wait_for(addr, &format!("round {round}: all let go"), |c| {
            c.in_flight == 0
        });
    }
    let after = counters(addr);
    assert_eq!(after.abandoned, ROUNDS * AT_ONCE, "{after:?}");
    assert_eq!(after.served, 0, "{after:?}");
    assert_eq!(after.peak_in_flight, AT_ONCE, "{after:?}");
    assert!(get(addr, "/hello?delay_ms=0").starts_with("HTTP/1.1 200 "));
}

/// CPU time (user and system) a process has used, from /proc (Linux).
#[cfg(target_os = "linux")]
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The fields after the command name (which may hold spaces) in brackets.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // /proc counts in USER_HZ, which Linux fixes at 100 a second.
    Duration::from_millis(ticks * 10)
}

/// More clients than the server has file descriptors for: those it cannot
/// accept yet wait in the queue until answered ones free theirs. The server
/// neither dies nor spins while it cannot accept.
#[cfg(target_os = "linux")]
#[test]
fn out_of_descriptors_the_server_waits_and_answers_everyone() {
    const CLIENTS: usize = 150;
    let server = Program::start_with_descriptor_limit(64, &["--port", "0", "--delay-ms", "1000"]);
    let addr = server.addr;
    let (started, cpu_before) = (Instant::now(), cpu_time(server.child.id()));
    let mut clients: Vec<TcpStream> = (0..CLIENTS)
        .map(|i| {
            let mut client = connect(addr);
            write!(
                client,
                "GET /detail/{i} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            client
        })
        .collect();
    for (i, client) in clients.iter_mut().enumerate() {
        let answer = read_to_close(client);
        assert!(answer.contains(&format!("Detail {i}")), "{i}: {answer}");
    }
    let (wall, cpu) = (started.elapsed(), cpu_time(server.child.id()) - cpu_before);
    let after = counters(addr);
    assert_eq!(after.served, CLIENTS as u64, "{after:?}");
    assert!(after.peak_in_flight < 64, "{after:?}");
    // At least three waves of one delay each; a server that retried accept
    // in a loop would burn a whole core for all of them.
    assert!(
        wall >= Duration::from_secs(2),
        "{wall:?}: not out of descriptors?"
    );
    assert!(cpu < wall / 4, "used {cpu:?} of CPU in {wall:?}");
}
