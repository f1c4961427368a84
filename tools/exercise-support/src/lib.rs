//! What the exercises share, so that each exercise file holds only the
//! student's code: the runtime the student picked, jobs that wait, a blocking
//! function to call, and a deadline for tests.

pub use harness::{Timeline, unless_cancelled};
use std::time::Duration;

/// The thread counts every check runs with, whatever the machine: one thread
/// for async tasks on every runtime (tokio runs on its current-thread
/// scheduler). Without this, async-std starts one thread per core, and code
/// that blocks inside plain tasks passes on a machine with many cores and
/// fails on a laptop. `cargo exercise` sets these variables for the tests
/// (tools/exercise/src/main.rs, `PINNED_THREADS`); [`block_on`] refuses to
/// run without them.
pub const PINNED_THREADS: [(&str, &str); 2] =
    [("ASYNC_STD_THREAD_COUNT", "1"), ("SMOL_THREADS", "1")];

/// Whether the thread count `runtime` reads from the environment is pinned:
/// the message says what to do if not.
pub fn check_pinned(runtime: Runtime) -> Result<(), String> {
    let variable = match runtime {
        Runtime::Tokio => return Ok(()),
        Runtime::AsyncStd => "ASYNC_STD_THREAD_COUNT",
        Runtime::Smol => "SMOL_THREADS",
    };
    let wanted = PINNED_THREADS
        .iter()
        .find(|(name, _)| *name == variable)
        .map(|(_, value)| *value)
        .expect("every runtime's variable is pinned");
    match std::env::var(variable) {
        Ok(value) if value == wanted => Ok(()),
        // smol's global executor has one thread unless told otherwise.
        Err(std::env::VarError::NotPresent) if runtime == Runtime::Smol => Ok(()),
        found => Err(format!(
            "{variable} is {}, not {wanted}: the checks run with a fixed number of \
             threads so that they do not depend on your machine's cores. Run them with \
             `cargo exercise check NAME`, which sets it, or set {variable}={wanted} yourself",
            found.map_or("not set".to_string(), |v| format!("{v:?}"))
        )),
    }
}

/// The runtime an exercise runs on. Each exercise file has a `RUNTIME`
/// constant: set it to the runtime your code uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runtime {
    /// tokio's current-thread scheduler, so that blocking shows.
    Tokio,
    AsyncStd,
    Smol,
}

/// Runs `future` to completion on `runtime`, with the thread counts pinned
/// (see [`PINNED_THREADS`]).
pub fn block_on<F: Future>(runtime: Runtime, future: F) -> F::Output {
    if let Err(message) = check_pinned(runtime) {
        panic!("{message}");
    }
    match runtime {
        Runtime::Tokio => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("could not start tokio")
            .block_on(future),
        Runtime::AsyncStd => async_std::task::block_on(future),
        Runtime::Smol => smol::block_on(future),
    }
}

/// Runs `future` on `runtime` in a thread of its own, and gives up after
/// `limit`: code that blocks forever fails the test instead of hanging it.
pub fn block_on_within<F>(runtime: Runtime, future: F, limit: Duration) -> Result<F::Output, String>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    check_pinned(runtime)?;
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(block_on(runtime, future));
    });
    result.recv_timeout(limit).map_err(|e| match e {
        std::sync::mpsc::RecvTimeoutError::Timeout => format!("it did not finish within {limit:?}"),
        std::sync::mpsc::RecvTimeoutError::Disconnected => "it panicked (see above)".to_string(),
    })
}

/// The longest a runtime thread may be kept from running its tasks before a
/// check says that something blocked it. A blocking call (a blocking GET,
/// `std::thread::sleep`, or a `JoinHandle::join` on an OS thread) holds the
/// thread for as long as it waits, and every watched check has pages of
/// 200 ms or more; a busy two-core machine delays a waiting thread by some
/// milliseconds (under 10 ms in the solutions' runs).
pub const STALL_LIMIT: Duration = Duration::from_millis(100);

/// How often the heartbeats of [`block_on_within_watched`] wake up.
const BEAT: Duration = Duration::from_millis(10);

/// What a run under [`block_on_within_watched`] gave.
#[derive(Debug)]
pub struct Watched<T> {
    /// What the future returned.
    pub output: T,
    /// The longest time a heartbeat beside the future, on the same runtime
    /// thread, had to wait beyond its tick: how long the thread was blocked.
    pub longest_stall: Duration,
}

impl<T> Watched<T> {
    /// Whether the runtime's threads were free to run other tasks all along:
    /// the message says what to look for if not.
    pub fn check_not_blocked(&self) -> Result<(), String> {
        let stall = self.longest_stall;
        if stall <= STALL_LIMIT {
            return Ok(());
        }
        Err(format!(
            "a task beside your code, ticking every {BEAT:?} on the same runtime thread, once \
             waited {stall:?} for its tick (more than {STALL_LIMIT:?}): your code blocked the \
             runtime's thread. Look for a blocking call (http_get::blocking_get, a blocking \
             client, std::thread::sleep) or a JoinHandle::join of OS threads inside async code, \
             and await instead (or move the blocking work to spawn_blocking / unblock)"
        ))
    }
}

/// Runs `future` like [`block_on_within`], with heartbeats that tick every
/// few milliseconds on the runtime's threads and measure how late they are:
/// one polled beside `future` (on the thread of `block_on`), and on
/// async-std and smol one spawned on the runtime's single worker thread too,
/// where spawned tasks run. Code that blocks either thread holds up a
/// heartbeat for as long as it blocks, however many cores the machine has.
pub fn block_on_within_watched<F>(
    runtime: Runtime,
    future: F,
    limit: Duration,
) -> Result<Watched<F::Output>, String>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    block_on_within(runtime, watched(runtime, future), limit)
}

async fn watched<F: Future>(runtime: Runtime, future: F) -> Watched<F::Output> {
    let beside = Heartbeat::new();
    let on_worker = match runtime {
        // One thread runs `block_on` and every task: `beside` watches it.
        Runtime::Tokio => None,
        Runtime::AsyncStd => {
            let heartbeat = Heartbeat::new();
            drop(async_std::task::spawn(heartbeat.clone().run())); // detached
            Some(heartbeat)
        }
        Runtime::Smol => {
            let heartbeat = Heartbeat::new();
            smol::spawn(heartbeat.clone().run()).detach();
            Some(heartbeat)
        }
    };
    let output = smol::future::or(future, async {
        beside.clone().run().await;
        unreachable!("a heartbeat beats until it is stopped, and it is stopped after this")
    })
    .await;
    let on_worker = on_worker.map_or(Duration::ZERO, |heartbeat| heartbeat.stop());
    Watched {
        output,
        longest_stall: beside.stop().max(on_worker),
    }
}

/// A task that wakes up every [`BEAT`] and keeps the longest gap between
/// two wake-ups, less the beat: how long its thread could not run it.
#[derive(Clone)]
struct Heartbeat(std::sync::Arc<std::sync::Mutex<Beats>>);

struct Beats {
    last: std::time::Instant,
    longest_stall: Duration,
    stopped: bool,
}

impl Beats {
    fn beat(&mut self) {
        let now = std::time::Instant::now();
        let stall = now.duration_since(self.last).saturating_sub(BEAT);
        self.longest_stall = self.longest_stall.max(stall);
        self.last = now;
    }
}

impl Heartbeat {
    fn new() -> Heartbeat {
        Heartbeat(std::sync::Arc::new(std::sync::Mutex::new(Beats {
            last: std::time::Instant::now(),
            longest_stall: Duration::ZERO,
            stopped: false,
        })))
    }

    fn beats(&self) -> std::sync::MutexGuard<'_, Beats> {
        // A panic elsewhere cannot leave the numbers half written.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Beats until [`Heartbeat::stop`].
    async fn run(self) {
        while !self.beats().stopped {
            sleep(BEAT).await;
            self.beats().beat();
        }
    }

    /// Stops the beats and returns the longest stall, counting the one in
    /// progress (a thread blocked until the very end never beat again).
    fn stop(&self) -> Duration {
        let mut beats = self.beats();
        beats.beat();
        beats.stopped = true;
        beats.longest_stall
    }
}

/// Waits without blocking, on any runtime (smol's timer runs its own reactor thread).
pub async fn sleep(duration: Duration) {
    smol::Timer::after(duration).await;
}

/// A job that waits, then returns a value, recording itself on a timeline:
/// a stand-in for a request whose answer and latency you learn only by
/// making it.
///
/// Its delay and value are private, and its `Debug` shows only the name: the
/// only way to a job's value is to await [`Job::run`]. The checks give each
/// job a value drawn for that run ([`random_values`]), so no answer known in
/// advance, and no shortcut around running the jobs, passes.
#[derive(Clone, Copy)]
pub struct Job {
    pub name: &'static str,
    delay: Duration,
    value: u32,
}

impl Job {
    pub const fn new(name: &'static str, delay_ms: u64, value: u32) -> Job {
        Job {
            name,
            delay: Duration::from_millis(delay_ms),
            value,
        }
    }

    /// Waits, then returns the job's value. If the future is dropped before
    /// then, the timeline records the job as cancelled.
    pub async fn run(self, timeline: Timeline) -> u32 {
        let record = timeline.start(self.name);
        sleep(self.delay).await;
        // The timeline records that the job finished, not its value: the
        // exercise code can read the timeline, and must get the value from
        // this function's output.
        record.done(());
        self.value
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// `count` different numbers from 100 to 999, new on every call (they come
/// from the standard library's randomly keyed hasher): the values the checks
/// give their jobs, so that no number known in advance is the right answer.
pub fn random_values(count: usize) -> Vec<u32> {
    use std::hash::BuildHasher as _;
    assert!(count <= 900, "there are only 900 numbers from 100 to 999");
    let keys = std::collections::hash_map::RandomState::new();
    let mut values = Vec::with_capacity(count);
    for draw in 0u64.. {
        if values.len() == count {
            break;
        }
        let value = 100 + (keys.hash_one(draw) % 900) as u32;
        if !values.contains(&value) {
            values.push(value);
        }
    }
    values
}

/// A word of twelve letters and digits, new on every call (from the standard
/// library's randomly keyed hasher): the checks put it into the slow server's
/// page titles (`slow_server::Config::title_suffix`), so that no title made up
/// in advance is right.
pub fn random_word() -> String {
    use std::hash::BuildHasher as _;
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let keys = std::collections::hash_map::RandomState::new();
    (0..12u64)
        .map(|i| LETTERS[(keys.hash_one(i) % LETTERS.len() as u64) as usize] as char)
        .collect()
}

/// How long [`slow_hash`] blocks.
pub const HASH_DELAY: Duration = Duration::from_millis(200);

/// A blocking function you cannot change: it holds the calling thread for
/// [`HASH_DELAY`], then returns a hash of `x`.
pub fn slow_hash(x: u64) -> u64 {
    std::thread::sleep(HASH_DELAY);
    hash(x)
}

/// The value [`slow_hash`] returns, at once (for checking results).
pub fn hash(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_values_differ_from_each_other_and_from_run_to_run() {
        let first = random_values(6);
        assert_eq!(first.len(), 6);
        assert!(first.iter().all(|v| (100..=999).contains(v)), "{first:?}");
        let mut sorted = first.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 6, "two values are the same: {first:?}");
        // Six numbers drawn again are the same six in that order with a
        // chance below one in 10^17.
        assert_ne!(first, random_values(6));
    }

    #[test]
    fn random_words_are_new_every_time() {
        let word = random_word();
        assert_eq!(word.len(), 12);
        assert!(word.chars().all(|c| c.is_ascii_alphanumeric()), "{word}");
        assert_ne!(word, random_word());
    }

    /// Blocks its thread for `blocked` inside a poll, or waits as long.
    async fn wait(blocked: Duration, blocking: bool) -> u32 {
        if blocking {
            std::thread::sleep(blocked);
        } else {
            sleep(blocked).await;
        }
        7
    }

    fn watch(runtime: Runtime, future: impl Future<Output = u32> + Send + 'static) -> Watched<u32> {
        // The pinned thread counts, which `cargo exercise` sets for the checks,
        // set once before any runtime starts.
        static PIN: std::sync::Once = std::sync::Once::new();
        PIN.call_once(|| {
            for (name, value) in PINNED_THREADS {
                // SAFETY: the tests read the environment only through std, whose
                // functions take one lock with `set_var`; no C code reads it.
                unsafe { std::env::set_var(name, value) };
            }
        });
        block_on_within_watched(runtime, future, Duration::from_secs(10)).unwrap()
    }

    #[test]
    fn a_heartbeat_sees_code_that_blocks_the_runtime_thread() {
        let long = Duration::from_millis(300);
        for runtime in [Runtime::Tokio, Runtime::AsyncStd, Runtime::Smol] {
            let waited = watch(runtime, wait(long, false));
            assert_eq!(waited.output, 7);
            waited
                .check_not_blocked()
                .unwrap_or_else(|e| panic!("{runtime:?}, waiting: {e}"));

            let blocked = watch(runtime, wait(long, true));
            assert!(
                blocked.longest_stall >= long - BEAT,
                "{runtime:?}: {blocked:?}"
            );
            let message = blocked.check_not_blocked().unwrap_err();
            assert!(
                message.contains("blocked the runtime's thread"),
                "{message}"
            );
        }
    }

    #[test]
    fn a_heartbeat_sees_a_spawned_task_that_blocks_the_worker_thread() {
        let long = Duration::from_millis(300);
        let in_a_task = |runtime| async move {
            match runtime {
                Runtime::Tokio => tokio::spawn(wait(long, true)).await.unwrap(),
                Runtime::AsyncStd => async_std::task::spawn(wait(long, true)).await,
                Runtime::Smol => smol::spawn(wait(long, true)).await,
            }
        };
        for runtime in [Runtime::Tokio, Runtime::AsyncStd, Runtime::Smol] {
            let blocked = watch(runtime, in_a_task(runtime));
            assert!(
                blocked.longest_stall >= long - BEAT,
                "{runtime:?}: {blocked:?}"
            );
        }
    }

    #[test]
    fn only_running_a_job_gives_its_value() {
        let job = Job::new("a", 1, 427);
        let shown = format!("{job:?}");
        assert!(!shown.contains("427"), "Debug shows the value: {shown}");
        let tl = Timeline::new();
        let value = block_on(Runtime::Smol, job.run(tl.clone()));
        assert_eq!(value, 427);
        assert_eq!(tl.tasks_with("done"), ["a"]);
        let logged = format!("{:?}", tl.events());
        assert!(
            !logged.contains("427"),
            "the timeline shows the value: {logged}"
        );
    }
}
