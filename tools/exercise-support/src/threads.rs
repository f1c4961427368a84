//! What the exercises on OS threads share: blocking jobs that count how
//! many of them run at once, and a log whose lines take a moment to write.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// How many of a batch of jobs run at this moment, and the most at once.
#[derive(Default)]
pub struct Tally {
    now: AtomicUsize,
    most: AtomicUsize,
}

impl Tally {
    /// The most jobs of the batch that ran at the same time.
    pub fn most_at_once(&self) -> usize {
        self.most.load(Ordering::SeqCst)
    }
}

/// A job that blocks its thread, then returns a value: a stand-in for a
/// blocking call (a file read, a request with a blocking client).
///
/// Its delay and value are private, and its `Debug` shows only the name:
/// the only way to a job's value is to call [`BlockingJob::run`], and the
/// checks draw the values for each run ([`crate::random_values`]).
pub struct BlockingJob {
    pub name: String,
    delay: Duration,
    value: u32,
    tally: Arc<Tally>,
}

impl BlockingJob {
    /// Blocks the calling thread for the job's delay, then returns its value.
    pub fn run(self) -> u32 {
        let now = self.tally.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.tally.most.fetch_max(now, Ordering::SeqCst);
        thread::sleep(self.delay);
        self.tally.now.fetch_sub(1, Ordering::SeqCst);
        self.value
    }
}

impl std::fmt::Debug for BlockingJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockingJob")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// One job per delay, named `job1`, `job2`, ..., with values new on every
/// call, and the tally they share. Returns the jobs, their values in order,
/// and the tally.
pub fn blocking_jobs(delays_ms: &[u64]) -> (Vec<BlockingJob>, Vec<u32>, Arc<Tally>) {
    let tally = Arc::new(Tally::default());
    let values = crate::random_values(delays_ms.len());
    let jobs = delays_ms
        .iter()
        .zip(&values)
        .enumerate()
        .map(|(i, (&ms, &value))| BlockingJob {
            name: format!("job{}", i + 1),
            delay: Duration::from_millis(ms),
            value,
            tally: tally.clone(),
        })
        .collect();
    (jobs, values, tally)
}

/// How long [`Log::say`] takes to write a line, unless the log was made
/// with [`Log::taking`].
pub const SAY_TAKES: Duration = Duration::from_millis(50);

/// Where a worker writes its last words. Writing a line takes a moment
/// ([`SAY_TAKES`]), like flushing a file: code that does not wait for the
/// worker to end does not see the line.
#[derive(Clone)]
pub struct Log {
    lines: Arc<Mutex<Vec<String>>>,
    say_takes: Duration,
}

impl Default for Log {
    fn default() -> Log {
        Log::taking(SAY_TAKES)
    }
}

impl Log {
    pub fn new() -> Log {
        Log::default()
    }

    /// A log whose lines take `say_takes` to write.
    pub fn taking(say_takes: Duration) -> Log {
        Log {
            lines: Arc::default(),
            say_takes,
        }
    }

    /// Writes `line`, which takes a moment.
    pub fn say(&self, line: &str) {
        thread::sleep(self.say_takes);
        self.lines.lock().unwrap().push(line.to_string());
    }

    /// The lines written so far.
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    /// How many clones of this log exist: 1 once every thread that held a
    /// clone has ended (a thread drops what it owns when its code returns).
    pub fn holders(&self) -> usize {
        Arc::strong_count(&self.lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tally_counts_jobs_running_at_the_same_time() {
        let (jobs, values, tally) = blocking_jobs(&[40, 40, 40]);
        let got: Vec<u32> = thread::scope(|s| {
            let handles: Vec<_> = jobs.into_iter().map(|j| s.spawn(move || j.run())).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(got, values);
        assert_eq!(tally.most_at_once(), 3);
        let (jobs, _, tally) = blocking_jobs(&[1, 1]);
        jobs.into_iter().for_each(|j| {
            j.run();
        });
        assert_eq!(tally.most_at_once(), 1);
    }

    #[test]
    fn a_line_is_there_only_once_said() {
        let log = Log::new();
        let writer = log.clone();
        let t = thread::spawn(move || writer.say("stopped"));
        assert!(log.lines().is_empty());
        t.join().unwrap();
        assert_eq!(log.lines(), ["stopped"]);
    }
}
