//! What the exercises share, so that each exercise file holds only the
//! student's code: the runtime the student picked, jobs that wait, a blocking
//! function to call, and a deadline for tests.

mod polls;
pub mod threads;

pub use harness::{Timeline, unless_cancelled};
pub use polls::{CountPolls, Polled, count_polls};
use std::time::Duration;

/// How many threads each blocking pool may start during the checks: tokio's
/// (`spawn_blocking`) and the one of the `blocking` crate, behind
/// `smol::unblock` and async-std's `spawn_blocking`.
pub const BLOCKING_POOL_THREADS: usize = 8;

/// The thread counts every check runs with, whatever the machine: one thread
/// for async tasks on every runtime (tokio runs on its current-thread
/// scheduler), and blocking pools of [`BLOCKING_POOL_THREADS`]. Without
/// this, async-std starts one thread per core, and code that blocks inside
/// plain tasks passes on a machine with many cores and fails on a laptop;
/// and the `blocking` crate starts up to 500 threads, so that code that
/// parks every waiting task on a pool thread passes unless hundreds wait.
/// `cargo exercise` sets these variables for the tests
/// (tools/exercise/src/main.rs, `PINNED_THREADS`); [`block_on`] refuses to
/// run without them.
pub const PINNED_THREADS: [(&str, &str); 3] = [
    ("ASYNC_STD_THREAD_COUNT", "1"),
    ("SMOL_THREADS", "1"),
    ("BLOCKING_MAX_THREADS", "8"),
];

/// Whether the thread counts are pinned: the message says what to do if
/// not. All of them, whatever the runtime: code on one runtime may still
/// call another's pool (`smol::unblock` works anywhere).
pub fn check_pinned() -> Result<(), String> {
    for (variable, wanted) in PINNED_THREADS {
        match std::env::var(variable) {
            Ok(value) if value == wanted => {}
            // smol's global executor has one thread unless told otherwise.
            Err(std::env::VarError::NotPresent) if variable == "SMOL_THREADS" => {}
            found => {
                return Err(format!(
                    "{variable} is {}, where the checks want {wanted}: they run with a fixed number of \
                     threads so that they do not depend on your machine's cores. Run them with \
                     `cargo exercise check NAME`, which sets it, or set {variable}={wanted} \
                     yourself",
                    found.map_or("not set".to_string(), |v| format!("{v:?}"))
                ));
            }
        }
    }
    Ok(())
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
    if let Err(message) = check_pinned() {
        panic!("{message}");
    }
    match runtime {
        Runtime::Tokio => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .max_blocking_threads(BLOCKING_POOL_THREADS)
            .thread_name(TOKIO_BLOCKING_THREAD)
            .build()
            .expect("could not start tokio")
            .block_on(future),
        Runtime::AsyncStd => async_std::task::block_on(future),
        Runtime::Smol => smol::block_on(future),
    }
}

/// The name of the thread [`block_on_within`] runs the future on.
pub const RUNTIME_THREAD: &str = "exercise-runtime";

/// The name the checks give the threads of tokio's blocking pool (on the
/// current-thread scheduler, tokio starts no other threads).
pub const TOKIO_BLOCKING_THREAD: &str = "tokio-blocking";

/// Runs `future` on `runtime` in a thread of its own, named
/// [`RUNTIME_THREAD`], and gives up after `limit`: code that blocks forever
/// fails the test instead of hanging it.
pub fn block_on_within<F>(runtime: Runtime, future: F, limit: Duration) -> Result<F::Output, String>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    check_pinned()?;
    let (done, result) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name(RUNTIME_THREAD.to_string())
        .spawn(move || {
            let _ = done.send(block_on(runtime, future));
        })
        .map_err(|e| format!("could not start a thread for the runtime: {e}"))?;
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
/// milliseconds (under 10 ms in the solutions' runs). 150 ms leaves room for
/// a scheduler that keeps the thread off the CPU for a while and still
/// catches the shortest blocking wrong answer (193 ms).
pub const STALL_LIMIT: Duration = Duration::from_millis(150);

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
        lock(&self.0)
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
///
/// (For the checks, it also notes each call and the thread it ran on: see
/// [`hash_calls`].)
pub fn slow_hash(x: u64) -> u64 {
    let call = HashCall {
        input: x,
        thread: std::thread::current().name().map(str::to_string),
    };
    lock(&HASH_CALLS).push(call);
    std::thread::sleep(HASH_DELAY);
    hash(x)
}

/// One call of [`slow_hash`]: its input, and the name of the thread it ran on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HashCall {
    pub input: u64,
    pub thread: Option<String>,
}

impl HashCall {
    /// Whether the call ran on a blocking pool: tokio's threads are named
    /// [`TOKIO_BLOCKING_THREAD`] in the checks; the `blocking` crate (behind
    /// `smol::unblock` and async-std's `spawn_blocking`) names its threads
    /// `blocking-1`, `blocking-2`, ... Otherwise, the message says what ran it.
    pub fn check_on_blocking_pool(&self) -> Result<(), String> {
        let name = self.thread.as_deref();
        let on_pool = name == Some(TOKIO_BLOCKING_THREAD)
            || name
                .and_then(|n| n.strip_prefix("blocking-"))
                .is_some_and(|id| id.parse::<u64>().is_ok());
        if on_pool {
            return Ok(());
        }
        let what = match name {
            Some(RUNTIME_THREAD) => {
                "the thread that runs your async code: slow_hash was called right in the \
                 async fn, or in a task on that thread"
                    .to_string()
            }
            Some(n) if n.starts_with("smol-") || n == "async-std/runtime" => format!(
                "{n:?}, the runtime's worker thread: slow_hash was called in a plain \
                 spawned task, which holds the thread every other task needs"
            ),
            Some(n) => format!("a thread named {n:?}, not one of a blocking pool"),
            None => "an unnamed thread: one started with std::thread::spawn? A thread per \
                     call has no limit, and waiting for it means blocking or polling"
                .to_string(),
        };
        Err(format!(
            "slow_hash({}) ran on {what}. Hand it to the runtime's blocking pool \
             (tokio::task::spawn_blocking, smol::unblock, async_std::task::spawn_blocking), \
             whose threads are there to be blocked, {BLOCKING_POOL_THREADS} of them in the checks",
            self.input
        ))
    }
}

/// Every call of [`slow_hash`] so far in this process.
static HASH_CALLS: std::sync::Mutex<Vec<HashCall>> = std::sync::Mutex::new(Vec::new());

/// The calls of [`slow_hash`] with one of `inputs`, in the order they
/// started. Tests in one process run side by side: give each its own inputs
/// ([`random_inputs`]) to see only its calls.
pub fn hash_calls(inputs: &[u64]) -> Vec<HashCall> {
    lock(&HASH_CALLS)
        .iter()
        .filter(|call| inputs.contains(&call.input))
        .cloned()
        .collect()
}

/// `count` different numbers, new on every call (from the standard
/// library's randomly keyed hasher): inputs no answer can know in advance.
pub fn random_inputs(count: usize) -> Vec<u64> {
    use std::hash::BuildHasher as _;
    let keys = std::collections::hash_map::RandomState::new();
    let mut inputs: Vec<u64> = Vec::with_capacity(count);
    for draw in 0u64.. {
        if inputs.len() == count {
            break;
        }
        let input = keys.hash_one(draw);
        if !inputs.contains(&input) {
            inputs.push(input);
        }
    }
    inputs
}

/// Locks `mutex`; a panic elsewhere cannot leave a list half written.
fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
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

    /// Sets the pinned thread counts, which `cargo exercise` sets for the
    /// checks, once before any runtime or pool starts.
    fn pin() {
        static PIN: std::sync::Once = std::sync::Once::new();
        PIN.call_once(|| {
            for (name, value) in PINNED_THREADS {
                // SAFETY: the tests read the environment only through std, whose
                // functions take one lock with `set_var`; no C code reads it.
                unsafe { std::env::set_var(name, value) };
            }
        });
    }

    fn watch(runtime: Runtime, future: impl Future<Output = u32> + Send + 'static) -> Watched<u32> {
        pin();
        block_on_within_watched(runtime, future, Duration::from_secs(10)).unwrap()
    }

    #[test]
    fn the_pinned_pool_size_is_the_one_tokio_gets() {
        let pinned = PINNED_THREADS
            .iter()
            .find(|(name, _)| *name == "BLOCKING_MAX_THREADS")
            .map(|(_, value)| value.parse::<usize>().unwrap());
        assert_eq!(pinned, Some(BLOCKING_POOL_THREADS));
    }

    /// Calls `slow_hash` for `count` new inputs on `runtime`'s blocking pool,
    /// all at once, and returns the inputs and how long it took.
    fn on_the_pool(runtime: Runtime, count: usize) -> (Vec<u64>, Duration) {
        pin();
        let inputs = random_inputs(count);
        let started = std::time::Instant::now();
        let each = inputs.clone();
        let hashes = block_on_within(
            runtime,
            async move {
                match runtime {
                    Runtime::Tokio => {
                        let tasks: Vec<_> = each
                            .into_iter()
                            .map(|x| tokio::task::spawn_blocking(move || slow_hash(x)))
                            .collect();
                        await_each(tasks, |r| {
                            unless_cancelled(r).expect("nothing cancels these calls")
                        })
                        .await
                    }
                    Runtime::AsyncStd => {
                        let tasks: Vec<_> = each
                            .into_iter()
                            .map(|x| async_std::task::spawn_blocking(move || slow_hash(x)))
                            .collect();
                        await_each(tasks, |h| h).await
                    }
                    Runtime::Smol => {
                        let tasks: Vec<_> = each
                            .into_iter()
                            .map(|x| smol::unblock(move || slow_hash(x)))
                            .collect();
                        await_each(tasks, |h| h).await
                    }
                }
            },
            Duration::from_secs(10),
        )
        .unwrap();
        let took = started.elapsed();
        assert_eq!(hashes, inputs.iter().map(|&x| hash(x)).collect::<Vec<_>>());
        (inputs, took)
    }

    /// Awaits each future in turn (they run meanwhile: they are tasks).
    async fn await_each<F: Future, T>(tasks: Vec<F>, out: impl Fn(F::Output) -> T) -> Vec<T> {
        let mut outputs = Vec::new();
        for task in tasks {
            outputs.push(out(task.await));
        }
        outputs
    }

    #[test]
    fn calls_on_a_blocking_pool_are_told_from_calls_elsewhere() {
        for runtime in [Runtime::Tokio, Runtime::AsyncStd, Runtime::Smol] {
            let (inputs, _) = on_the_pool(runtime, 2);
            let calls = hash_calls(&inputs);
            assert_eq!(calls.len(), 2, "{calls:?}");
            for call in calls {
                call.check_on_blocking_pool()
                    .unwrap_or_else(|e| panic!("{runtime:?}: {e}"));
            }
        }

        let inline = random_inputs(1)[0];
        block_on_within(
            Runtime::Smol,
            async move { slow_hash(inline) },
            Duration::from_secs(10),
        )
        .unwrap();
        let thread = random_inputs(1)[0];
        std::thread::spawn(move || slow_hash(thread))
            .join()
            .unwrap();
        let in_a_task = random_inputs(1)[0];
        block_on_within(
            Runtime::Smol,
            smol::spawn(async move { slow_hash(in_a_task) }),
            Duration::from_secs(10),
        )
        .unwrap();
        for (input, said) in [
            (inline, "right in the async fn"),
            (thread, "std::thread::spawn"),
            (in_a_task, "plain spawned task"),
        ] {
            let calls = hash_calls(&[input]);
            assert_eq!(calls.len(), 1, "{calls:?}");
            let message = calls[0].check_on_blocking_pool().unwrap_err();
            assert!(message.contains(said), "{message}");
        }
    }

    #[test]
    fn the_blocking_pools_have_the_pinned_number_of_threads() {
        // Twice as many calls as threads take two rounds of the delay.
        for runtime in [Runtime::Tokio, Runtime::Smol] {
            let (_, took) = on_the_pool(runtime, 2 * BLOCKING_POOL_THREADS);
            assert!(
                took >= 2 * HASH_DELAY,
                "{runtime:?}: {} calls took {took:?}",
                2 * BLOCKING_POOL_THREADS
            );
        }
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
                Runtime::Tokio => unless_cancelled(tokio::spawn(wait(long, true)).await)
                    .expect("nothing cancels this task"),
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
        pin();
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
