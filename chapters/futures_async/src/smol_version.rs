//! The chapter's scenarios on smol.

use crate::counting::{Counts, counted};
use crate::scenario::*;
use crate::state_machine::{two_naps, two_naps_by_hand};
use futures::future::join_all;
use harness::Timeline;
use smol::Timer;
use std::collections::HashSet;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// Runs `future` on this thread; `smol::spawn` puts tasks on smol's global
/// executor, which runs them on a thread of its own.
pub fn block_on<F: Future>(future: F) -> F::Output {
    smol::block_on(future)
}

// ANCHOR: job
/// Waits `units` units, then returns `units`.
pub async fn job(tl: Timeline, name: &'static str, units: u32, unit: Duration) -> u32 {
    let record = tl.start(name);
    Timer::after(unit * units).await;
    record.done(units)
}
// ANCHOR_END: job

// ANCHOR: lazy
/// A future built and never polled does nothing; `spawn` starts a task at
/// once; `join!` starts its futures when it first polls them.
pub async fn lazy(tl: Timeline, unit: Duration) -> [u32; 2] {
    let never = job(tl.clone(), "never", 1, unit); // built, never polled
    let spawned = smol::spawn(job(tl.clone(), "spawned", 1, unit)); // runs now
    Timer::after(unit).await;
    let joined = job(tl.clone(), "joined", 1, unit); // runs when join! polls it
    let (spawned, joined) = futures::join!(spawned, joined);
    drop(never); // dropped without ever having run
    [spawned, joined]
}
// ANCHOR_END: lazy

// ANCHOR: gather
/// Spawns every job, counting its polls and wakes, and waits for them all.
pub async fn gather(tl: Timeline, unit: Duration, counts: Arc<Counts>) -> Vec<u32> {
    let handles: Vec<_> = JOBS
        .iter()
        .map(|&(name, units)| {
            smol::spawn(counted(job(tl.clone(), name, units, unit), counts.clone()))
        })
        .collect();
    join_all(handles).await
}
// ANCHOR_END: gather

// ANCHOR: get
/// Fetches `names.len()` pages at once from the slow server.
pub async fn get(
    tl: Timeline,
    addr: SocketAddr,
    names: Vec<String>,
    counts: Arc<Counts>,
) -> io::Result<Vec<String>> {
    let handles: Vec<_> = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let tl = tl.clone();
            smol::spawn(counted(
                async move {
                    let stream = smol::net::TcpStream::connect(addr).await?;
                    get_title(&tl, &name, stream, addr, i + 1).await
                },
                counts.clone(),
            ))
        })
        .collect();
    join_all(handles).await.into_iter().collect()
}
// ANCHOR_END: get

/// `tasks` tasks that each sleep one unit: how many threads ran them.
pub async fn many_tasks(tasks: usize, unit: Duration) -> usize {
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            smol::spawn(async move {
                Timer::after(unit).await;
                std::thread::current().id()
            })
        })
        .collect();
    let threads: HashSet<_> = join_all(handles).await.into_iter().collect();
    threads.len()
}

/// The async fn and the hand-written state machine, on smol's timer, a
/// future that awaits as is (`Timer` is `Unpin`: no box needed).
pub async fn state_machines(unit: Duration) -> [(u32, usize); 2] {
    let sleep = nap_on_timer;
    let (by_fn, by_hand) = (two_naps(sleep, unit), two_naps_by_hand(sleep, unit));
    // How big each state machine is: what lives across its `.await`s.
    let sizes = (size_of_val(&by_fn), size_of_val(&by_hand));
    let (by_fn, by_hand) = futures::join!(by_fn, by_hand);
    [(by_fn, sizes.0), (by_hand, sizes.1)]
}

/// smol's `Timer` is a future of the moment it fired; these naps want `()`.
fn nap_on_timer(nap: Duration) -> futures::future::Map<Timer, fn(std::time::Instant)> {
    use futures::FutureExt;
    Timer::after(nap).map(drop as fn(std::time::Instant))
}
