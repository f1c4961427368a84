//! Queues between OS threads: std's channels, Python's `queue.Queue`.
//! `sync_channel(n)` is a bounded queue (a sender waits while it is
//! full); `channel()` is unbounded. A std `Receiver` has one owner, so
//! several consumers share it behind a `Mutex`.

use crate::scenario::*;
use harness::Timeline;
use std::sync::Mutex;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: bounded
/// One producer puts `ITEMS` items as fast as it can into a queue of
/// `CAPACITY` places; `CONSUMERS` threads take them, a unit each. The
/// producer waits whenever the queue is full.
pub fn bounded(tl: &Timeline, unit: Duration) -> Bounded {
    let (queue, items) = mpsc::sync_channel(CAPACITY);
    let items = Mutex::new(items); // one receiver, shared by the consumers
    let started = Instant::now();
    let (producer_done, takers) = thread::scope(|s| {
        let consumers: Vec<_> = (0..CONSUMERS)
            .map(|c| {
                let (items, record) = (&items, tl.start(&format!("taker {}", c + 1)));
                s.spawn(move || {
                    let mut took = 0;
                    loop {
                        // The lock is held only while waiting for an item:
                        // the guard is dropped at the end of this statement.
                        // (In `while let Ok(item) = items.lock()...` it
                        // would live through the work too.)
                        let item = items.lock().unwrap().recv();
                        let Ok(_item) = item else { break };
                        thread::sleep(unit); // the work
                        took += 1;
                    }
                    record.done(took) // the queue is empty and closed
                })
            })
            .collect();
        let record = tl.start("producer");
        for item in 0..ITEMS {
            queue.send(item).expect("the consumers are there");
        }
        drop(queue); // closed: each consumer ends once the queue is empty
        let producer_done = in_units(started.elapsed(), unit);
        record.done(producer_done);
        let took: Vec<usize> = consumers.into_iter().map(|c| c.join().unwrap()).collect();
        (producer_done, took)
    });
    Bounded {
        consumed: takers.iter().sum(),
        per_consumer: {
            let mut t = takers;
            t.sort();
            t
        },
        producer_done,
        all_done: in_units(started.elapsed(), unit),
    }
}
// ANCHOR_END: bounded

// ANCHOR: tries
/// Python's `put_nowait` and `get_nowait` are `try_send` and `try_recv`:
/// each returns at once, with an error that says why it could not.
pub fn tries() -> Tries {
    let (queue, items) = mpsc::sync_channel::<u32>(1);
    let said = vec![
        format!("{:?}", items.try_recv()),
        format!("{:?}", queue.try_send(1)),
        format!("{:?}", queue.try_send(2)),
        format!("{:?}", items.try_recv()),
        {
            drop(queue);
            format!("{:?}", items.try_recv())
        },
    ];
    Tries::from_debug(said)
}
// ANCHOR_END: tries
