//! Checks for `sensor_pipeline`. `pipeline` runs on tokio's current-thread
//! runtime (on a thread named `exercise-runtime`). The sensor blocks 2 ms
//! per reading and gives 40 readings drawn for the run; it notes the thread
//! it is read on, how far it has got ahead of the handled readings, and
//! whether a handling was under way while it read. Handling a reading takes
//! 5 ms (the tenth, 60 ms) and gives the reading times a factor drawn for
//! the run; a reading counts as handled when its handling is done.

use bridging_exercises::sensor_pipeline::{CAPACITY, Handler, Sensor, pipeline};
use exercise_support::{RUNTIME_THREAD, Runtime, block_on_within, random_values};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const READINGS: usize = 40;

/// The handling of this reading (counting from 0) stalls...
const STALLED: usize = 9;
/// ...this long, where the others take 5 ms: a sensor paced by hand instead
/// of by the channel runs ahead then.
const STALL: Duration = Duration::from_millis(60);

#[derive(Default)]
struct Seen {
    taken: usize,
    /// Handler calls made.
    called: usize,
    /// Handlings done.
    handled: usize,
    /// The most readings taken from the sensor and not yet handled.
    most_ahead: usize,
    /// `taken` when the handler was first called.
    taken_at_first_handle: Option<usize>,
    /// Reads made while a handling was under way.
    overlapped: usize,
    /// The most handlings under way at once.
    most_at_once: usize,
    read_on: Vec<String>,
}

struct Run {
    sum: u64,
    expected: u64,
    seen: Arc<Mutex<Seen>>,
}

fn run() -> Run {
    let readings = random_values(READINGS);
    let factor = u64::from(random_values(1)[0]);
    let expected = readings.iter().map(|&r| u64::from(r) * factor).sum();
    let seen = Arc::new(Mutex::new(Seen::default()));

    let mut left = readings.into_iter();
    let sensor: Sensor = Box::new({
        let seen = seen.clone();
        move || {
            std::thread::sleep(Duration::from_millis(2)); // a blocking read
            let reading = left.next();
            let mut seen = seen.lock().unwrap();
            seen.read_on.push(
                std::thread::current()
                    .name()
                    .unwrap_or("(unnamed)")
                    .to_string(),
            );
            if reading.is_some() {
                seen.taken += 1;
                seen.most_ahead = seen.most_ahead.max(seen.taken - seen.handled);
                if seen.called > seen.handled {
                    seen.overlapped += 1;
                }
            }
            reading
        }
    });
    let handler: Handler = Box::new({
        let seen = seen.clone();
        move |reading| {
            let takes = {
                let mut seen = seen.lock().unwrap();
                let taken = seen.taken;
                seen.taken_at_first_handle.get_or_insert(taken);
                seen.called += 1;
                seen.most_at_once = seen.most_at_once.max(seen.called - seen.handled);
                if seen.called == STALLED + 1 {
                    STALL
                } else {
                    Duration::from_millis(5)
                }
            };
            let seen = seen.clone();
            Box::pin(async move {
                tokio::time::sleep(takes).await;
                seen.lock().unwrap().handled += 1;
                u64::from(reading) * factor
            })
        }
    });
    let sum = block_on_within(
        Runtime::Tokio,
        pipeline(sensor, handler),
        Duration::from_secs(10),
    )
    .unwrap_or_else(|e| panic!("pipeline: {e}"));
    Run {
        sum,
        expected,
        seen,
    }
}

#[test]
fn every_reading_is_handled_and_added_up() {
    let run = run();
    let seen = run.seen.lock().unwrap();
    assert_eq!(
        seen.handled, READINGS,
        "{READINGS} readings, {} handled: every reading must reach the handler (`try_send` drops a reading when the channel is full; `blocking_send` waits)",
        seen.handled
    );
    assert_eq!(run.sum, run.expected, "the sum of what the handler gave");
}

#[test]
fn the_sensor_is_never_read_on_the_runtime_thread() {
    let run = run();
    let seen = run.seen.lock().unwrap();
    assert!(
        !seen.read_on.iter().any(|t| t == RUNTIME_THREAD),
        "the sensor was read on `{RUNTIME_THREAD}`, the thread that runs every task: each read blocks it. Read on a plain thread (`std::thread::spawn` or `spawn_blocking`)"
    );
}

#[test]
fn a_full_channel_holds_the_sensor_back() {
    let run = run();
    let seen = run.seen.lock().unwrap();
    assert!(
        seen.most_ahead <= CAPACITY + 2,
        "the sensor got {} readings ahead of the handled ones; with a channel of {CAPACITY} it can be {} ahead at most (the channel full, one waiting in `blocking_send`, one being handled). Use a bounded channel of `CAPACITY`, `blocking_send`, which waits while it is full, and handle each reading before taking the next",
        seen.most_ahead,
        CAPACITY + 2
    );
}

#[test]
fn readings_are_handled_while_the_sensor_still_reads() {
    let run = run();
    let seen = run.seen.lock().unwrap();
    let taken = seen.taken_at_first_handle.unwrap_or(READINGS);
    assert!(
        taken < READINGS,
        "the handler was first called after all {READINGS} readings were taken: handle each reading as it arrives, not after reading them all"
    );
    assert!(
        seen.overlapped >= READINGS / 4,
        "only {} of {READINGS} reads happened while a reading was being handled: the sensor and the handler should work at the same time (the sensor on its own thread, sending into the channel while the async side handles)",
        seen.overlapped
    );
}

#[test]
fn one_reading_is_handled_at_a_time() {
    let run = run();
    let seen = run.seen.lock().unwrap();
    assert_eq!(
        seen.most_at_once, 1,
        "{} handlings were under way at once: await each handling before taking the next reading (one at a time, so that a full channel holds the sensor back)",
        seen.most_at_once
    );
}
