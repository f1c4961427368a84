//! A pool of worker processes fed over pipes, the way Python's
//! `multiprocessing.Pool` works: a few long-lived children, each taking the
//! next job as soon as it has finished the last one, results in submission
//! order (`imap`) or as they come (`imap_unordered`).
//!
//! Each worker is this program started again with `CHILD_ENV=worker`
//! ([`worker_main`]). It reads one job per line on its standard input and
//! answers one line per job on its standard output; the end of its input
//! tells it to end. In this process, a thread per worker feeds it and reads
//! its answers.

use crate::pools::JOBS;
use crate::std_version::CHILD_ENV;
use harness::Timeline;
use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, mpsc};
use std::thread;
use std::time::Duration;

/// What the pool gave back.
#[derive(Debug, PartialEq)]
pub struct PoolResults {
    /// Job names in the order their answers came back (`imap_unordered`).
    pub as_they_came: Vec<String>,
    /// Job names in submission order (`imap`).
    pub in_order: Vec<String>,
}

// ANCHOR: worker_main
/// A worker process: for each line on its input (a nap in milliseconds),
/// naps, then answers with the line `done`. Ends when its input ends.
pub fn worker_main() -> Result<(), String> {
    let mut answers = io::stdout().lock();
    for line in io::stdin().lock().lines() {
        let line = line.map_err(|e| format!("cannot read a job: {e}"))?;
        let ms: u64 = line
            .trim()
            .parse()
            .map_err(|_| format!("a job must be a nap in ms, not {line:?}"))?;
        thread::sleep(Duration::from_millis(ms));
        // A pipe is not a terminal: say it now, not when a buffer fills.
        writeln!(answers, "done")
            .and_then(|()| answers.flush())
            .map_err(|e| format!("cannot answer: {e}"))?;
    }
    Ok(())
}
// ANCHOR_END: worker_main

// ANCHOR: run_pool
/// Runs [`JOBS`] on `workers` worker processes. Each job goes to whichever
/// worker is free first, so the answers come back in the order the jobs
/// finish; `in_order` puts them back in submission order.
pub fn run_pool(tl: &Timeline, workers: usize, unit: Duration) -> io::Result<PoolResults> {
    let queue: Mutex<VecDeque<(usize, &str, u32)>> = JOBS
        .iter()
        .enumerate()
        .map(|(i, &(name, units))| (i, name, units))
        .collect::<VecDeque<_>>()
        .into();
    let (answered, answers) = mpsc::channel::<usize>();
    let (came, fed) = thread::scope(|scope| {
        let feeders: Vec<_> = (0..workers)
            .map(|worker| {
                let (queue, answered) = (&queue, answered.clone());
                scope.spawn(move || -> io::Result<()> {
                    let mut child = start_worker()?;
                    let mut to_worker = child.stdin.take().expect("stdin is piped");
                    let mut from_worker = BufReader::new(child.stdout.take().expect("piped"));
                    loop {
                        // Take the next job; the lock is let go at the `;`.
                        let next = queue.lock().unwrap().pop_front();
                        let Some((i, name, units)) = next else { break };
                        let record = tl.start(name);
                        writeln!(to_worker, "{}", (unit * units).as_millis())?;
                        let mut answer = String::new();
                        if from_worker.read_line(&mut answer)? == 0 {
                            let e = io::Error::other(format!("worker {worker} ended mid-job"));
                            return Err(record.failed(e));
                        }
                        record.done(());
                        let _ = answered.send(i);
                    }
                    drop(to_worker); // end of input: the worker's loop ends
                    let status = child.wait()?;
                    match status.success() {
                        true => Ok(()),
                        false => Err(io::Error::other(format!("worker ended with {status}"))),
                    }
                })
            })
            .collect();
        drop(answered); // only the feeders hold senders now
        // Python's `imap_unordered`: each answer as it comes. The loop ends
        // when every feeder has ended and dropped its sender.
        let came: Vec<usize> = answers.iter().collect();
        let fed: Vec<io::Result<()>> = feeders
            .into_iter()
            .map(|f| {
                f.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        (came, fed)
    });
    fed.into_iter().collect::<io::Result<()>>()?;
    let name = |&i: &usize| JOBS[i].0.to_string();
    let as_they_came = came.iter().map(name).collect();
    // Python's `imap`: the same answers, in the order the jobs went in.
    let mut in_order = came;
    in_order.sort_unstable();
    let in_order = in_order.iter().map(name).collect();
    Ok(PoolResults {
        as_they_came,
        in_order,
    })
}

/// Starts one worker process: this program, with pipes to and from it.
fn start_worker() -> io::Result<Child> {
    Command::new(std::env::current_exe()?)
        .env(CHILD_ENV, "worker")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
}
// ANCHOR_END: run_pool
