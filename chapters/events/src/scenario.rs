//! What the event scenarios share, whatever runs them: sizes, and how a
//! run is read back from its timeline and reported.

use harness::{Event, TaskRecord, Timeline};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------
// A late waiter: the Python tutorial's e1 and e2, and one more.

/// Waiters that start waiting at once...
pub const WAITERS: usize = 3;
/// ...the event is set after this many units...
pub const SET_AT: u32 = 1;
/// ...and one more waiter comes along after this many.
pub const LATE_AT: u32 = 2;

/// The name of waiter `i` on the timeline (`waiter 1` ...).
pub fn waiter(i: usize) -> String {
    format!("waiter {}", i + 1)
}

/// The waiter that comes after the event was set.
pub const LATE: &str = "late";

/// What the timeline of a late-waiter run says.
#[derive(Clone, Copy, PartialEq)]
pub struct Woken {
    /// Waiters that were waiting when the event was set, and woke.
    pub woke: usize,
    /// From the `set` to the last of them awake.
    pub last_after_set: Duration,
    /// How long the late waiter waited.
    pub late_waited: Duration,
}

impl std::fmt::Debug for Woken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} woke, the last {} after set; late one waited {}",
            self.woke,
            ms(self.last_after_set),
            ms(self.late_waited)
        )
    }
}

/// Reads a late-waiter run back from its timeline: `main` marks `set`,
/// each waiter is a task from `start` to `done`.
pub fn woken(tl: &Timeline) -> Woken {
    let set = tl.time_of("main", "set").expect("the event was set");
    let woke: Vec<Duration> = (0..WAITERS)
        .filter_map(|i| tl.time_of(&waiter(i), "done"))
        .collect();
    let late_start = tl.time_of(LATE, "start").expect("the late waiter started");
    let late_done = tl.time_of(LATE, "done").expect("the late waiter returned");
    Woken {
        woke: woke.len(),
        last_after_set: woke
            .iter()
            .max()
            .map_or(Duration::ZERO, |&t| t.saturating_sub(set)),
        late_waited: late_done - late_start,
    }
}

// ---------------------------------------------------------------------
// The traffic light: the Python tutorial's lighter and its cars.

/// Green for a unit, red for a unit, this many times; then green for good.
pub const CYCLES: usize = 2;

/// A car: its name, how long one leg of its drive takes (in hundredths of
/// a unit: shorter than a red, so it meets every red), and how many legs
/// it drives. Each drives about 3.2 units, more than the 2 + 2 legs it can
/// drive before the second red, so every car meets both reds.
pub const CARS: [(&str, u32, u32); 3] = [("car 1", 30, 11), ("car 2", 40, 8), ("car 3", 45, 7)];

/// One leg of a car's drive.
pub fn leg(hundredths: u32, unit: Duration) -> Duration {
    unit * hundredths / 100
}

/// What the timeline of a traffic-light run says.
#[derive(Clone, PartialEq)]
pub struct Traffic {
    /// How many reds each car stopped at, in the order of `CARS`.
    pub stops: Vec<usize>,
    /// The longest a car took to go on after the light turned green.
    pub slowest_go: Duration,
    /// A car that drove on while the light was red, if any did.
    pub ran_a_red: bool,
}

impl std::fmt::Debug for Traffic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "stops {:?}, each went on {} after green",
            self.stops,
            ms(self.slowest_go)
        )?;
        if self.ran_a_red {
            write!(f, " (a car ran a red!)")?;
        }
        Ok(())
    }
}

/// Reads a traffic-light run back from its timeline: the light is a task
/// (green from its start) that marks `red` and `green`; each car is a
/// task that marks `stop` at a red and `go` when it goes on.
pub fn traffic(tl: &Timeline) -> Traffic {
    let events = tl.events();
    let changes: Vec<(&str, Duration)> = events
        .iter()
        .filter(|e| e.task == "light" && (e.event == "red" || e.event == "green"))
        .map(|e| (e.event.as_str(), e.at))
        .collect();
    // The light's colour at `at`: the last change at or before it.
    let colour_at = |at: Duration| {
        changes
            .iter()
            .rev()
            .find(|(_, t)| *t <= at)
            .map_or("green", |(c, _)| *c)
    };
    let marks = |car: &str, word: &str| -> Vec<Duration> {
        events
            .iter()
            .filter(|e: &&Event| e.task == car && e.event == word)
            .map(|e| e.at)
            .collect()
    };
    let mut traffic = Traffic {
        stops: Vec::new(),
        slowest_go: Duration::ZERO,
        ran_a_red: false,
    };
    for (car, _, _) in CARS {
        let stops = marks(car, "stop");
        traffic.stops.push(stops.len());
        traffic.ran_a_red |= stops.iter().any(|&t| colour_at(t) != "red");
        for went in marks(car, "go") {
            let green = changes
                .iter()
                .rev()
                .find(|(c, t)| *c == "green" && *t <= went)
                .map_or(Duration::ZERO, |(_, t)| *t);
            traffic.slowest_go = traffic.slowest_go.max(went - green);
        }
    }
    traffic
}

// ---------------------------------------------------------------------
// Ten thousand waiters released at once (the tutorial's 1e4 threads).

/// Waiters on one event.
pub const MANY: usize = 10_000;

/// The stack of each waiting thread: 64 KiB instead of the default 2 MiB.
/// A waiter needs little, and its stack is address space reserved up
/// front (the pages it touches are all that take memory).
pub const THREAD_STACK: usize = 64 * 1024;

// ANCHOR: crowd
/// The bookkeeping of a crowd of `MANY` waiters, the same for threads and
/// for every runtime: who is waiting, who is awake, when, how much memory
/// it took, and the timeline's two lanes (`start`, then `wake` from the
/// `set` to the last waiter awake). Each version keeps only its own
/// spawn, wait and `set`. Cloning it shares it.
#[derive(Clone)]
pub struct Crowd(Arc<CrowdState>);

struct CrowdState {
    tl: Timeline,
    waiting: AtomicUsize,
    awake: AtomicUsize,
    memory_before: Option<u64>,
    started_at: Instant,
    start_lane: Mutex<Option<TaskRecord>>,
    wake_lane: Mutex<Option<TaskRecord>>,
    /// When every waiter was waiting, what memory had grown by, and when
    /// the event was set.
    set: Mutex<Option<(Duration, Option<u64>, Instant)>>,
}

impl Crowd {
    /// Starts counting: call it just before the first spawn.
    pub fn start(tl: &Timeline) -> Crowd {
        let memory_before = resident_memory();
        Crowd(Arc::new(CrowdState {
            tl: tl.clone(),
            waiting: AtomicUsize::new(0),
            awake: AtomicUsize::new(0),
            memory_before,
            start_lane: Mutex::new(Some(tl.start("start"))),
            started_at: Instant::now(),
            wake_lane: Mutex::new(None),
            set: Mutex::new(None),
        }))
    }

    /// A waiter is about to wait.
    pub fn waiting(&self) {
        self.0.waiting.fetch_add(1, Ordering::SeqCst);
    }

    /// Whether all `MANY` have said they are waiting.
    pub fn all_waiting(&self) -> bool {
        self.0.waiting.load(Ordering::SeqCst) == MANY
    }

    /// Call it just before the `set`: the start is over, the wake begins.
    pub fn setting(&self) {
        let started = self.0.started_at.elapsed();
        let memory = grown_since(self.0.memory_before);
        if let Some(lane) = self.0.start_lane.lock().unwrap().take() {
            lane.done(Released::memory_note(memory));
        }
        *self.0.wake_lane.lock().unwrap() = Some(self.0.tl.start("wake"));
        *self.0.set.lock().unwrap() = Some((started, memory, Instant::now()));
    }

    /// A waiter woke: returns the moment, and closes the `wake` lane if it
    /// is the last.
    pub fn woke(&self) -> Instant {
        let now = Instant::now();
        if self.0.awake.fetch_add(1, Ordering::SeqCst) + 1 == MANY {
            let lane = self.0.wake_lane.lock().unwrap().take();
            lane.expect("set before the event")
                .done(Said(format!("{MANY} awake")));
        }
        now
    }

    /// What the crowd's run measured, from each waiter's moment of waking.
    pub fn released(&self, woke: Vec<Instant>) -> Released {
        let (started, memory, set_at) = self.0.set.lock().unwrap().expect("set before the end");
        Released::new(set_at, woke, started, memory)
    }
}
// ANCHOR_END: crowd

/// How a crowd of waiters was started and released.
#[derive(Clone, Copy, PartialEq)]
pub struct Released {
    pub woke: usize,
    /// From the first spawn to every waiter waiting.
    pub started: Duration,
    /// What the process's resident memory grew by meanwhile, in bytes
    /// (Linux only).
    pub memory: Option<u64>,
    /// From the `set` to the first, the middle and the last waiter awake.
    pub first: Duration,
    pub median: Duration,
    pub last: Duration,
}

impl Released {
    /// From the moment of the `set` and each waiter's moment of waking.
    pub fn new(
        set_at: Instant,
        mut woke: Vec<Instant>,
        started: Duration,
        memory: Option<u64>,
    ) -> Self {
        woke.sort();
        let after = |i: usize| {
            woke.get(i)
                .map_or(Duration::ZERO, |t| t.saturating_duration_since(set_at))
        };
        Released {
            woke: woke.len(),
            started,
            memory,
            first: after(0),
            median: after(woke.len() / 2),
            last: after(woke.len().saturating_sub(1)),
        }
    }

    /// What the `start` lane says when every waiter is waiting: how much
    /// the resident memory grew, marked `~` as a figure that varies.
    pub fn memory_note(memory: Option<u64>) -> Said {
        match memory {
            Some(bytes) => Said(format!("~{} MiB", (bytes as f64 / MIB).round())),
            None => Said("all waiting".into()),
        }
    }
}

impl std::fmt::Debug for Released {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        write!(
            f,
            "start {:.0} ms / wake: first {:.1}, median {:.1}, last {:.1} ms",
            ms(self.started),
            ms(self.first),
            ms(self.median),
            ms(self.last)
        )
    }
}

const MIB: f64 = 1024.0 * 1024.0;

/// A note for the timeline, printed as it is (not quoted).
pub struct Said(pub String);

impl std::fmt::Debug for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The process's resident memory, in bytes, where the OS says (Linux).
/// Memory that earlier runs freed is first given back to the OS, so that
/// what a run allocates shows as growth rather than reuse.
pub fn resident_memory() -> Option<u64> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator's.
    unsafe {
        libc::malloc_trim(0);
    }
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// What the process's resident memory grew by since `before`.
pub fn grown_since(before: Option<u64>) -> Option<u64> {
    Some(resident_memory()?.saturating_sub(before?))
}

// ---------------------------------------------------------------------
// tokio's Notify, which is not an event.

/// How many waiters of each kind woke within the time limit, when the
/// notifier is rung without a flag beside it.
#[derive(Clone, Copy, PartialEq)]
pub struct NotifyOutcome {
    /// Rung to wake all (`notify_waiters`, `notify(usize::MAX)`) with two
    /// waiting; a third comes after.
    pub wake_all: usize,
    /// Rung to wake one (`notify_one`, `notify(1)`) before three come.
    pub wake_one: usize,
}

impl std::fmt::Debug for NotifyOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "wake all: {} of 3 woke; wake one first: {} of 3",
            self.wake_all, self.wake_one
        )
    }
}

/// A duration as the book prints short ones: `0.2 ms`.
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// `took` in units.
pub fn in_units(took: Duration, unit: Duration) -> f64 {
    took.as_secs_f64() / unit.as_secs_f64()
}
