//! What `async fn` compiles to: the same small task written as an
//! `async fn`, and by hand as an enum that implements `Future`. Both take
//! the runtime's sleep as an argument, so that they run on every runtime.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

// ANCHOR: async_fn
/// Naps twice, then returns how many naps it took.
pub async fn two_naps<S, F>(sleep: S, nap: Duration) -> u32
where
    S: Fn(Duration) -> F,
    F: Future<Output = ()>,
{
    sleep(nap).await;
    sleep(nap).await;
    2
}
// ANCHOR_END: async_fn

// ANCHOR: by_hand
/// `two_naps` by hand: one state for each `.await`, holding what must live
/// across it (here the sleep future being awaited), and one for the end.
pub enum TwoNaps<S, F> {
    First { sleep: S, nap: Duration, napping: F },
    Second { napping: F },
    Done,
}

pub fn two_naps_by_hand<S, F>(sleep: S, nap: Duration) -> TwoNaps<S, F>
where
    S: Fn(Duration) -> F,
    F: Future<Output = ()>,
{
    // Like an `async fn`, nothing runs yet: the first sleep future is only
    // built (and a runtime's sleep measures from when it is built).
    let napping = sleep(nap);
    TwoNaps::First {
        sleep,
        nap,
        napping,
    }
}

impl<S, F> Future for TwoNaps<S, F>
where
    S: Fn(Duration) -> F + Unpin,
    F: Future<Output = ()> + Unpin,
{
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        loop {
            match &mut *self {
                TwoNaps::First {
                    sleep,
                    nap,
                    napping,
                } => {
                    // `.await` is this: poll the inner future, and return
                    // `Pending` (keeping the state) while it is not ready.
                    if Pin::new(napping).poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    let napping = sleep(*nap);
                    *self = TwoNaps::Second { napping };
                }
                TwoNaps::Second { napping } => {
                    if Pin::new(napping).poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    *self = TwoNaps::Done;
                    return Poll::Ready(2);
                }
                TwoNaps::Done => panic!("TwoNaps polled after it returned"),
            }
        }
    }
}
// ANCHOR_END: by_hand
