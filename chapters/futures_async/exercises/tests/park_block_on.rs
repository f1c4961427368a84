//! Checks for `park_block_on`. Each run happens on a thread of its own with
//! a deadline, so that a `block_on` that never returns fails the check.

use futures_async_exercises::park_block_on::block_on;
use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc;
use std::task::{Context, Poll};
use std::thread;
use std::time::{Duration, Instant};

/// Runs `f` on a thread of its own; fails if it takes longer than `limit`.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(f());
    });
    result
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("block_on did not return within {limit:?}: is the thread woken (unpark) when the waker is called?"))
}

/// Ready once another thread has woken it, `after` from its first poll.
/// Notes its polls, and how long after the wake it became ready.
struct WokenLater {
    after: Duration,
    woken_at: std::sync::Arc<std::sync::Mutex<Option<Instant>>>,
    polls: u32,
}

impl WokenLater {
    fn new(after: Duration) -> Self {
        WokenLater {
            after,
            woken_at: Default::default(),
            polls: 0,
        }
    }
}

impl Future for WokenLater {
    /// (polls, from the wake to the poll that saw it)
    type Output = (u32, Duration);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(u32, Duration)> {
        self.polls += 1;
        if let Some(at) = *self.woken_at.lock().unwrap() {
            return Poll::Ready((self.polls, at.elapsed()));
        }
        if self.polls == 1 {
            let (waker, woken_at, after) = (cx.waker().clone(), self.woken_at.clone(), self.after);
            thread::spawn(move || {
                thread::sleep(after);
                *woken_at.lock().unwrap() = Some(Instant::now());
                waker.wake();
            });
        }
        Poll::Pending
    }
}

#[test]
fn it_returns_the_output() {
    assert_eq!(
        within(Duration::from_secs(2), || block_on(async { 6 * 7 })),
        42
    );
}

#[test]
fn it_sleeps_until_woken_and_polls_once_more() {
    let (polls, late) = within(Duration::from_secs(3), || {
        block_on(WokenLater::new(Duration::from_millis(130)))
    });
    assert!(
        polls <= 3,
        "polled {polls} times for one wake (2 are enough): between polls the thread must \
         sleep until the waker is called, not poll again and again"
    );
    assert!(
        late < Duration::from_millis(40),
        "the poll after the wake came {late:?} later: wake the thread when the waker is called \
         (unpark), do not poll on a fixed rhythm"
    );
}

/// Wakes itself while being polled, then is ready on the next poll.
struct WakesItself(bool);

impl Future for WakesItself {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref(); // before Pending is even returned
        Poll::Pending
    }
}

#[test]
fn a_wake_during_the_poll_is_not_lost() {
    let started = Instant::now();
    within(Duration::from_secs(2), || block_on(WakesItself(false)));
    let took = started.elapsed();
    assert!(
        took < Duration::from_millis(100),
        "a future that wakes itself during its poll took {took:?}: a wake must make the next \
         poll come at once (unpark before park leaves a token: park returns at once)"
    );
}

#[test]
fn it_runs_async_code_that_waits_on_other_threads() {
    let got = within(Duration::from_secs(3), || {
        block_on(async {
            let mut sum = 0;
            for ms in [30, 10, 20] {
                let (polls, _) = WokenLater::new(Duration::from_millis(ms)).await;
                sum += polls;
            }
            sum
        })
    });
    assert!(got <= 9, "{got} polls for three waits");
}

#[test]
fn a_long_wait_costs_two_polls_and_is_answered_at_once() {
    // Woken after 470 ms: a thread that naps on a fixed rhythm either polls
    // many times or answers late; one woken by the waker does neither.
    let (polls, late) = within(Duration::from_secs(3), || {
        block_on(WokenLater::new(Duration::from_millis(470)))
    });
    assert!(
        polls <= 3 && late < Duration::from_millis(40),
        "{polls} polls, and the poll after the wake came {late:?} later: sleep until the \
         waker is called (park), and have the waker wake the thread (unpark)"
    );
}
