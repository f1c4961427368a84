//! The chapter's scenarios on the book's tiny runtime (src/tiny/): the
//! same code as on smol, with `tiny::` in place of `smol::`.

use crate::counting::{Counts, counted, traced};
use crate::scenario::*;
use crate::state_machine::{two_naps, two_naps_by_hand};
use crate::tiny;
use futures::future::join_all;
use harness::Timeline;
use std::collections::HashSet;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub fn block_on<F: Future>(future: F) -> F::Output {
    tiny::block_on(future)
}

// ANCHOR: job
/// Waits `units` units, then returns `units`.
pub async fn job(tl: Timeline, name: &'static str, units: u32, unit: Duration) -> u32 {
    let record = tl.start(name);
    tiny::sleep(unit * units).await;
    record.done(units)
}
// ANCHOR_END: job

// ANCHOR: polls_and_wakes
/// Two tasks wait on timers of 1 and 3 units; a third blocks the thread
/// for 2 units. Every poll and every wake is marked on the timeline.
pub async fn polls_and_wakes(tl: Timeline, unit: Duration) {
    let short = tiny::spawn(traced(job(tl.clone(), "short", 1, unit), &tl, "short"));
    let long = tiny::spawn(traced(job(tl.clone(), "long", 3, unit), &tl, "long"));
    let tl2 = tl.clone();
    let blocking = async move {
        let record = tl2.start("blocking");
        std::thread::sleep(unit * 2); // never do this in a task: see below
        record.done(2)
    };
    let blocking = tiny::spawn(traced(blocking, &tl, "blocking"));
    futures::join!(short, long, blocking);
}
// ANCHOR_END: polls_and_wakes

// ANCHOR: lazy
/// A future built and never polled does nothing; `spawn` starts a task at
/// once; `join!` starts its futures when it first polls them.
pub async fn lazy(tl: Timeline, unit: Duration) -> [u32; 2] {
    let never = job(tl.clone(), "never", 1, unit); // built, never polled
    let spawned = tiny::spawn(job(tl.clone(), "spawned", 1, unit)); // runs now
    tiny::sleep(unit).await;
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
            tiny::spawn(counted(job(tl.clone(), name, units, unit), counts.clone()))
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
            tiny::spawn(counted(
                async move {
                    let stream = tiny::TcpStream::connect(addr)?;
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
            tiny::spawn(async move {
                tiny::sleep(unit).await;
                std::thread::current().id()
            })
        })
        .collect();
    let threads: HashSet<_> = join_all(handles).await.into_iter().collect();
    threads.len()
}

/// The async fn and the hand-written state machine, on the tiny runtime's
/// sleep (`Unpin`: no box needed).
pub async fn state_machines(unit: Duration) -> [(u32, usize); 2] {
    let sleep = tiny::sleep;
    let (by_fn, by_hand) = (two_naps(sleep, unit), two_naps_by_hand(sleep, unit));
    // How big each state machine is: what lives across its `.await`s.
    let sizes = (size_of_val(&by_fn), size_of_val(&by_hand));
    let (by_fn, by_hand) = futures::join!(by_fn, by_hand);
    [(by_fn, sizes.0), (by_hand, sizes.1)]
}
