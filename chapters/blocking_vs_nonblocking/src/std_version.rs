//! The same requests without an async runtime: one after another, on a pool
//! of OS threads, and on several processes; and one request on a
//! non-blocking socket polled by hand.

use crate::scenario::*;
use harness::{Settings, Timeline};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::SocketAddr;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

// ANCHOR: fetch
/// Fetches one page with the blocking client, recording it on the timeline.
/// A refused connection, a closed one and a status that is not 2xx are all
/// errors.
fn fetch(tl: &Timeline, addr: SocketAddr, path: &str, name: &str) -> io::Result<String> {
    let record = tl.start(name);
    match http_get::blocking_get(addr, path).and_then(http_get::Page::error_for_status) {
        Ok(page) => Ok(record.done(title_of(&page.body))),
        Err(e) => Err(record.failed(e)),
    }
}
// ANCHOR_END: fetch

// ANCHOR: sequential
/// One request at a time: each call blocks the thread until its answer is in.
pub fn sequential(tl: &Timeline, settings: &Settings, addr: SocketAddr) -> io::Result<Vec<String>> {
    let mut titles = Vec::new();
    for path in paths(settings) {
        titles.push(fetch(tl, addr, &path, &task_name(&path, settings))?);
    }
    Ok(titles)
}
// ANCHOR_END: sequential

// ANCHOR: threads
/// A pool of `--workers` threads taking requests from a shared list, like
/// Python's `ThreadPoolExecutor(max_workers=N)`.
pub fn threads(tl: &Timeline, settings: &Settings, addr: SocketAddr) -> io::Result<Vec<String>> {
    let paths = paths(settings);
    let next = AtomicUsize::new(0); // index of the next path to fetch
    let titles = Mutex::new(vec![String::new(); paths.len()]);
    std::thread::scope(|scope| {
        let mut workers = Vec::new();
        for _ in 0..settings.value(WORKERS) {
            workers.push(scope.spawn(|| -> io::Result<()> {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(i) else {
                        return Ok(());
                    };
                    let title = fetch(tl, addr, path, &task_name(path, settings))?;
                    titles.lock().unwrap()[i] = title;
                }
            }));
        }
        // A worker's panic goes on here with its own message.
        workers.into_iter().try_for_each(|worker| {
            worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    })?;
    Ok(titles.into_inner().unwrap())
}
// ANCHOR_END: threads

/// Set in a child process: the server's address.
pub const CHILD_ENV: &str = "BLOCKING_VS_NONBLOCKING_SERVER";

// ANCHOR: processes
/// `--workers` child processes, each fetching its share of the pages one by
/// one. The children are this same program started again; they report each
/// request on their standard output, one line per event.
pub fn processes(tl: &Timeline, settings: &Settings, addr: SocketAddr) -> io::Result<Vec<String>> {
    let paths = paths(settings);
    let workers = settings.value(WORKERS) as usize;
    let mut children = Vec::new();
    for w in 0..workers.min(paths.len()) {
        let share: Vec<&String> = paths.iter().skip(w).step_by(workers).collect();
        let started = std::env::current_exe().and_then(|program| {
            Command::new(program)
                .env(CHILD_ENV, addr.to_string())
                .args(share)
                .stdout(Stdio::piped())
                .spawn()
        });
        match started {
            Ok(child) => children.push(child),
            Err(e) => {
                stop(children); // the ones already started must not outlive us
                return Err(e);
            }
        }
    }
    let (titles, mut errors) = follow_children(tl, settings, &paths, &mut children);
    for mut child in children {
        let status = child.wait()?;
        if !status.success() {
            errors.push(format!("a child process ended with {status}"));
        }
    }
    // A child that died before it reported a page leaves that page untitled.
    let missing = titles.iter().filter(|title| title.is_none()).count();
    if missing > 0 {
        errors.push(format!(
            "{missing} of {} pages never came back",
            paths.len()
        ));
    }
    match errors.is_empty() {
        true => Ok(titles.into_iter().flatten().collect()),
        false => Err(io::Error::other(errors.join("; "))),
    }
}
// ANCHOR_END: processes

/// Kills the children and waits for them, so that none is left running.
fn stop(children: Vec<Child>) {
    for mut child in children {
        // Either can only fail if the child has already ended and been waited for.
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// Reads the children's reports as they come (a thread per child) and turns
/// them into timeline events. Returns the titles in request order (`None`
/// where no child reported one) and what the children said went wrong.
fn follow_children(
    tl: &Timeline,
    settings: &Settings,
    paths: &[String],
    children: &mut [Child],
) -> (Vec<Option<String>>, Vec<String>) {
    let titles = Mutex::new(vec![None; paths.len()]);
    let errors = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for child in children.iter_mut() {
            let out = BufReader::new(child.stdout.take().expect("stdout is piped"));
            let (titles, errors) = (&titles, &errors);
            scope.spawn(move || {
                let mut started = Vec::new();
                for line in out.lines().map_while(Result::ok) {
                    let mut words = line.splitn(3, ' ');
                    let (event, path) = (words.next(), words.next().unwrap_or(""));
                    let rest = words.next().unwrap_or("").to_string();
                    let record = started
                        .iter()
                        .position(|(p, _)| p == path)
                        .map(|i| started.swap_remove(i).1);
                    match (event, record) {
                        (Some("start"), _) => {
                            started.push((path.to_string(), tl.start(&task_name(path, settings))))
                        }
                        (Some("done"), Some(record)) => {
                            if let Some(i) = paths.iter().position(|p| p == path) {
                                titles.lock().unwrap()[i] = Some(record.done(rest));
                            }
                        }
                        (Some("error"), Some(record)) => {
                            errors
                                .lock()
                                .unwrap()
                                .push(format!("GET {path}: {}", record.failed(rest)));
                        }
                        _ => {}
                    }
                }
                // A child that stopped in the middle of a request: it died.
                for (path, record) in started {
                    let error = "the child process stopped before it answered";
                    errors
                        .lock()
                        .unwrap()
                        .push(format!("GET {path}: {}", record.failed(error)));
                }
            });
        }
    });
    (titles.into_inner().unwrap(), errors.into_inner().unwrap())
}

// ANCHOR: child_main
/// What a child process does: fetch the paths it was given. Returns `None`
/// in the parent process.
pub fn child_main() -> Option<ExitCode> {
    let addr: SocketAddr = std::env::var(CHILD_ENV).ok()?.parse().ok()?;
    let paths: Vec<String> = std::env::args().skip(1).collect();
    Some(
        match fetch_and_report(addr, &paths, &mut io::stdout().lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::FAILURE, // what went wrong is in the report
        },
    )
}

/// Fetches the paths one by one, and says how each went, one line per event.
fn fetch_and_report(addr: SocketAddr, paths: &[String], out: &mut impl Write) -> io::Result<()> {
    for path in paths {
        writeln!(out, "start {path}")?;
        out.flush()?;
        match http_get::blocking_get(addr, path).and_then(http_get::Page::error_for_status) {
            Ok(page) => writeln!(out, "done {path} {}", title_of(&page.body))?,
            Err(e) => {
                writeln!(out, "error {path} {}", error_chain(&e))?;
                return Err(e);
            }
        }
        out.flush()?;
    }
    Ok(())
}
// ANCHOR_END: child_main

// ANCHOR: busy_poll
/// One request on a non-blocking socket, recorded on the timeline like
/// `fetch`: whatever fails, the `match` records it as an error.
pub fn busy_poll(tl: &Timeline, addr: SocketAddr) -> io::Result<String> {
    let record = tl.start("r1");
    match get_by_polling(addr) {
        // `~` marks a number that changes from run to run.
        Ok((page, empty_polls)) => Ok(format!(
            "{} after ~{empty_polls} reads that found nothing",
            record.done(title_of(&page.body))
        )),
        Err(e) => Err(record.failed(e)),
    }
}

/// GET `/detail/1`: `read` returns at once, with `WouldBlock` until the
/// answer is there, so we ask again and again. Returns the page and how
/// many reads found nothing; a status that is not 2xx is an error.
fn get_by_polling(addr: SocketAddr) -> io::Result<(http_get::Page, u64)> {
    let mut stream = std::net::TcpStream::connect(addr)?;
    write!(
        stream,
        "GET /detail/1 HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    stream.set_nonblocking(true)?;
    let (mut answer, mut buf, mut empty_polls) = (Vec::new(), [0; 4096], 0u64);
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break, // the server closed: the answer is complete
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => empty_polls += 1,
            Err(e) => return Err(e),
        }
    }
    Ok((http_get::parse(&answer)?.error_for_status()?, empty_polls))
}
// ANCHOR_END: busy_poll

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_reports_a_failed_request_and_stops() {
        let closed = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap()
        };
        let paths = ["/detail/1".to_string(), "/detail/2".to_string()];
        let mut report = Vec::new();
        assert!(fetch_and_report(closed, &paths, &mut report).is_err());
        let report = String::from_utf8(report).unwrap();
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines.len(), 2, "{report}");
        assert_eq!(lines[0], "start /detail/1");
        assert!(lines[1].starts_with("error /detail/1 "), "{report}");
        assert!(lines[1].to_lowercase().contains("refused"), "{report}");
    }
}
