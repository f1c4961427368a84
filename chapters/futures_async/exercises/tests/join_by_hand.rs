//! Checks for `join_by_hand`. The jobs wait on a timer (smol's), so the
//! times do not depend on the machine's cores.

use exercise_support::{Polled, Runtime, block_on_within, count_polls, random_values, sleep};
use futures_async_exercises::join_by_hand::both;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// Panics if polled again after it returned `Ready`, as many futures do.
struct NoRepoll<F> {
    future: Pin<Box<F>>,
    done: bool,
}

impl<F: Future> Future for NoRepoll<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        assert!(
            !self.done,
            "a future was polled again after it returned Ready"
        );
        let polled = self.future.as_mut().poll(cx);
        self.done = polled.is_ready();
        polled
    }
}

/// Waits `ms`, then returns `value`.
fn job(ms: u64, value: u32) -> NoRepoll<impl Future<Output = u32>> {
    NoRepoll {
        future: Box::pin(async move {
            sleep(Duration::from_millis(ms)).await;
            value
        }),
        done: false,
    }
}

/// Times each poll of the future it wraps, and keeps the longest.
struct TimedPolls<F> {
    future: F,
    longest: Duration,
}

impl<F: Future + Unpin> Future for TimedPolls<F> {
    type Output = (F::Output, Duration);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let started = Instant::now();
        let polled = Pin::new(&mut self.future).poll(cx);
        self.longest = self.longest.max(started.elapsed());
        polled.map(|output| (output, self.longest))
    }
}

/// Joins jobs of `a_ms` and `b_ms`: the outputs, the polls of `both`, the time.
fn run(a_ms: u64, b_ms: u64) -> ((u32, u32), u32, Duration, (u32, u32)) {
    let values = random_values(2);
    let (a, b) = (values[0], values[1]);
    let started = Instant::now();
    let timed = TimedPolls {
        future: both(job(a_ms, a), job(b_ms, b)),
        longest: Duration::ZERO,
    };
    let Polled {
        output: (output, longest_poll),
        polls,
    } = block_on_within(Runtime::Smol, count_polls(timed), Duration::from_secs(3))
    .unwrap_or_else(|e| panic!("both(..) never returned ({e}): is every future polled, and Ready returned once both are done?"));
    assert!(
        longest_poll < Duration::from_millis(50), // µs in a right answer; room for a busy machine
        "one poll of both(..) took {longest_poll:?}: a poll must return at once, never wait \
         (std::thread::sleep blocks the runtime's thread)"
    );
    (output, polls, started.elapsed(), (a, b))
}

#[test]
fn both_outputs_come_back_in_order() {
    let (output, _, _, expected) = run(50, 20);
    assert_eq!(output, expected, "(a's output, b's output)");
}

#[test]
fn the_two_futures_wait_at_the_same_time() {
    let (_, _, took, _) = run(200, 200);
    assert!(took >= Duration::from_millis(200), "took {took:?}");
    assert!(
        took < Duration::from_millis(330),
        "two waits of 200 ms took {took:?}: poll both futures each time, not b only once a is done"
    );
}

#[test]
fn a_future_that_is_done_is_not_polled_again() {
    // b ends first, then a: b must not be polled again meanwhile (NoRepoll
    // panics if it is, and the run fails).
    let (output, _, _, expected) = run(150, 30);
    assert_eq!(output, expected);
}

#[test]
fn both_is_polled_only_when_woken() {
    let (_, polls, _, _) = run(100, 200);
    assert!(
        polls <= 5,
        "both was polled {polls} times for two waits that each wake it once (about 3 polls): \
         do not wake the waker yourself to be polled again at once"
    );
}

#[test]
fn a_future_ready_at_once_is_fine() {
    let values = random_values(2);
    let output = block_on_within(
        Runtime::Smol,
        both(std::future::ready(values[0]), job(30, values[1])),
        Duration::from_secs(3),
    )
    .unwrap();
    assert_eq!(output, (values[0], values[1]));
}

#[test]
fn futures_that_must_stay_in_place_are_fine() {
    // `async` blocks are not `Unpin`: `both` must pin what it holds (a box
    // does), not ask its futures to be `Unpin`.
    let values = random_values(2);
    let (a, b) = (values[0], values[1]);
    let a_job = async move {
        sleep(Duration::from_millis(30)).await;
        a
    };
    let b_job = async move {
        sleep(Duration::from_millis(10)).await;
        b
    };
    let output =
        block_on_within(Runtime::Smol, both(a_job, b_job), Duration::from_secs(3)).unwrap();
    assert_eq!(output, (a, b));
}

#[test]
fn both_keeps_its_futures_in_boxes() {
    /// A future with 4 KiB of state (and a one-byte output).
    struct Big {
        state: [u8; 4096],
    }
    impl Future for Big {
        type Output = u8;
        fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<u8> {
            Poll::Ready(self.state[0])
        }
    }
    let size = std::mem::size_of::<futures_async_exercises::join_by_hand::Both<Big, Big>>();
    assert!(
        size < 4096,
        "Both<Big, Big> is {size} bytes: it holds its futures in place, yet says it is Unpin \
         (which lets them move after being polled). Keep each in a Pin<Box<..>>"
    );
}
