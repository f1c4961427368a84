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
/// `two_naps` by hand: a state before the first poll (holding the
/// arguments), one for each `.await` (holding what must live across it:
/// the sleep future being awaited, and what the code needs after it), and
/// one for the end.
pub enum TwoNaps<S, F> {
    Start { sleep: S, nap: Duration },
    First { sleep: S, nap: Duration, napping: F },
    Second { napping: F },
    Done,
}

/// Like calling an `async fn`: nothing runs, the arguments are only kept.
pub fn two_naps_by_hand<S, F>(sleep: S, nap: Duration) -> TwoNaps<S, F>
where
    S: Fn(Duration) -> F,
    F: Future<Output = ()>,
{
    TwoNaps::Start { sleep, nap }
}

impl<S, F> Future for TwoNaps<S, F>
where
    S: Fn(Duration) -> F + Unpin,
    F: Future<Output = ()> + Unpin,
{
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        loop {
            // Take the state out (leaving `Done`), and put back the next one.
            match std::mem::replace(&mut *self, TwoNaps::Done) {
                // The first poll runs the code up to the first `.await`.
                TwoNaps::Start { sleep, nap } => {
                    let napping = sleep(nap);
                    *self = TwoNaps::First {
                        sleep,
                        nap,
                        napping,
                    };
                }
                TwoNaps::First {
                    sleep,
                    nap,
                    mut napping,
                } => {
                    // `.await` is this: poll the inner future, and return
                    // `Pending` (keeping the state) while it is not ready.
                    if Pin::new(&mut napping).poll(cx).is_pending() {
                        *self = TwoNaps::First {
                            sleep,
                            nap,
                            napping,
                        };
                        return Poll::Pending;
                    }
                    *self = TwoNaps::Second {
                        napping: sleep(nap),
                    };
                }
                TwoNaps::Second { mut napping } => {
                    if Pin::new(&mut napping).poll(cx).is_pending() {
                        *self = TwoNaps::Second { napping };
                        return Poll::Pending;
                    }
                    return Poll::Ready(2); // the state is left `Done`
                }
                TwoNaps::Done => panic!("TwoNaps polled after it returned"),
            }
        }
    }
}
// ANCHOR_END: by_hand
