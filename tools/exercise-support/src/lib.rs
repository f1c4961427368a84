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

/// Waits without blocking, on any runtime (smol's timer runs its own reactor thread).
pub async fn sleep(duration: Duration) {
    smol::Timer::after(duration).await;
}

/// A job that waits `delay` and returns `value`, recording itself on a timeline.
#[derive(Clone, Copy, Debug)]
pub struct Job {
    pub name: &'static str,
    pub delay: Duration,
    pub value: u32,
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
        record.done(self.value)
    }
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
