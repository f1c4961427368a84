//! Queues between processes. Processes share no memory, so a queue
//! between them is bytes through a pipe: the parent starts a child (this
//! program again, with `QUEUES_CHILD` set to its job) with its stdin and
//! stdout piped, and writes and reads lines. Python's
//! `multiprocessing.Queue` and `Pipe` do the same underneath, pickling
//! each object; a `Manager` is a server process that the others send
//! messages to.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Instant;

/// The variable that makes this program a child, and says what to do.
pub const CHILD_ENV: &str = "QUEUES_CHILD";

/// Starts this program as a child doing `job`, its stdin and stdout piped.
fn start_child(
    program: &Path,
    job: &str,
) -> io::Result<(Child, ChildStdin, BufReader<ChildStdout>)> {
    let mut child = Command::new(program)
        .env(CHILD_ENV, job)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let to_child = child.stdin.take().expect("piped");
    let from_child = BufReader::new(child.stdout.take().expect("piped"));
    Ok((child, to_child, from_child))
}

/// Reads one line from a child; an ended child is an error that says so.
fn read_line(from_child: &mut impl BufRead) -> io::Result<String> {
    let mut line = String::new();
    if from_child.read_line(&mut line)? == 0 {
        return Err(io::Error::other("the child ended without answering"));
    }
    Ok(line.trim_end().to_string())
}

// ---------------------------------------------------------------------
// A message to a child and its answer.

// ANCHOR: pipe_to_child
/// Sends one message to a child over its stdin and reads its answer from
/// its stdout: Python's `Process(target=..., args=(queue,))` with
/// `queue.put('a')` in one and `queue.get()` in the other.
pub fn pipe_to_child(program: &Path) -> io::Result<String> {
    let (mut child, mut to_child, mut from_child) = start_child(program, "echo")?;
    writeln!(to_child, "a")?;
    drop(to_child); // end of input: the child's loop ends
    let answer = read_line(&mut from_child)?;
    child.wait()?;
    Ok(answer)
}
// ANCHOR_END: pipe_to_child

// ---------------------------------------------------------------------
// Messages per second: a pipe against a channel between threads.

/// Messages sent in each of the three ways (ten times the Python
/// tutorial's 20,000, so that each run takes long enough to time).
pub const MESSAGES: usize = 200_000;

#[derive(Clone, Copy)]
pub struct Throughput {
    /// A write to the pipe per message, as Python's `Pipe.send` does.
    pub pipe_each: f64,
    /// Messages gathered in a buffer, written to the pipe in blocks.
    pub pipe_buffered: f64,
    /// `std::sync::mpsc` between two threads.
    pub threads: f64,
}

impl std::fmt::Debug for Throughput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Millions of messages a second.
        let k = |per_second: f64| format!("{:.2}", per_second / 1e6);
        write!(
            f,
            "M/s: pipe {} / buffered {} / threads {}",
            k(self.pipe_each),
            k(self.pipe_buffered),
            k(self.threads)
        )
    }
}

// ANCHOR: throughput
/// `MESSAGES` short messages to a child that counts them, and answers
/// with the count once its input ends.
fn through_pipe(program: &Path, buffered: bool) -> io::Result<f64> {
    let (mut child, to_child, mut from_child) = start_child(program, "count")?;
    let started = Instant::now(); // the child has started: time the messages
    let mut to_child: Box<dyn Write> = if buffered {
        Box::new(BufWriter::new(to_child)) // 8 KiB at a time
    } else {
        Box::new(to_child) // each write_all is one write(2) system call
    };
    for i in 0..MESSAGES {
        // Formatted first and written whole, as `Pipe.send` writes a
        // pickled message (`writeln!` straight to the pipe would make a
        // system call per piece: "message ", the number, the newline).
        to_child.write_all(format!("message {i}\n").as_bytes())?;
    }
    drop(to_child); // flushed and closed
    let counted: usize = read_line(&mut from_child)?
        .parse()
        .map_err(io::Error::other)?;
    child.wait()?;
    assert_eq!(counted, MESSAGES, "the child counted every message");
    Ok(MESSAGES as f64 / started.elapsed().as_secs_f64())
}

/// The same messages to a thread, over a channel.
fn through_channel() -> f64 {
    let (to_thread, messages) = mpsc::channel();
    let counter = thread::spawn(move || messages.iter().count());
    let started = Instant::now();
    for i in 0..MESSAGES {
        to_thread
            .send(format!("message {i}"))
            .expect("the counter is there");
    }
    drop(to_thread);
    assert_eq!(counter.join().unwrap(), MESSAGES);
    MESSAGES as f64 / started.elapsed().as_secs_f64()
}
// ANCHOR_END: throughput

pub fn throughput(program: &Path) -> io::Result<Throughput> {
    Ok(Throughput {
        pipe_each: through_pipe(program, false)?,
        pipe_buffered: through_pipe(program, true)?,
        threads: through_channel(),
    })
}

// ---------------------------------------------------------------------
// Shared state between processes.

// ANCHOR: shared_state
/// Python's `Manager().dict()`: a server process owns the dict, and the
/// others send it their changes. Here the parent is the owner: each child
/// sends `key=value` lines, and only the parent's map changes.
pub fn shared_state(program: &Path) -> io::Result<BTreeMap<String, u32>> {
    let mut state = BTreeMap::new();
    let children = [("f", 25), ("f2", 27)]
        .map(|(key, value)| start_child(program, &format!("set {key} {value}")));
    for child in children {
        let (mut child, to_child, mut from_child) = child?;
        drop(to_child);
        let line = read_line(&mut from_child)?;
        let (key, value) = line
            .split_once('=')
            .ok_or_else(|| io::Error::other(format!("not key=value: {line}")))?;
        state.insert(key.to_string(), value.parse().map_err(io::Error::other)?);
        child.wait()?;
    }
    Ok(state)
}
// ANCHOR_END: shared_state

// ---------------------------------------------------------------------
// The children.

// ANCHOR: children
/// What this program does when it was started as a child, or `None` when
/// it was not.
pub fn child_main() -> Option<ExitCode> {
    let job = std::env::var(CHILD_ENV).ok()?;
    let result = run_child(&job);
    Some(match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("queues child: {message}");
            ExitCode::from(2)
        }
    })
}

fn run_child(job: &str) -> Result<(), String> {
    let (stdin, mut stdout) = (io::stdin().lock(), io::stdout().lock());
    let words: Vec<&str> = job.split(' ').collect();
    let io_error = |e: io::Error| e.to_string();
    match words[..] {
        // Answers each line with "got LINE".
        ["echo"] => {
            for line in stdin.lines() {
                writeln!(stdout, "got {}", line.map_err(io_error)?).map_err(io_error)?;
            }
        }
        // Counts lines until the input ends, then says how many.
        ["count"] => {
            let count = stdin.lines().count();
            writeln!(stdout, "{count}").map_err(io_error)?;
        }
        // Sends one change to the owner of the shared state.
        ["set", key, value] => {
            let value: u32 = value
                .parse()
                .map_err(|_| format!("`{value}` is not a number"))?;
            writeln!(stdout, "{key}={value}").map_err(io_error)?;
        }
        _ => {
            return Err(format!(
                "{CHILD_ENV}={job:?} is not one of `echo`, `count`, `set KEY N`; unset it to run the example"
            ));
        }
    }
    Ok(())
}
// ANCHOR_END: children
