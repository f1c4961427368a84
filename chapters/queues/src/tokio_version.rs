//! Queues on tokio: `tokio::sync::mpsc` (many senders, one receiver),
//! and the channels for other jobs: `oneshot`, `broadcast`, `watch`.

use crate::scenario::*;
use harness::Timeline;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, broadcast, mpsc, oneshot, watch};
use tokio::task::JoinSet;
use tokio::time::sleep;

/// Runs a future to completion on a new multi-threaded runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Runtime::new()
        .expect("could not start the tokio runtime")
        .block_on(future)
}

// ANCHOR: bounded
/// The bounded queue with tasks. tokio's `mpsc` has one receiver: the
/// consumers share it behind tokio's `Mutex`, held across the `recv`
/// wait. (Or use async-channel, whose receivers can be cloned, as
/// async-std and smol do: it works on tokio too.)
pub async fn bounded(tl: Timeline, unit: Duration) -> Bounded {
    let (queue, items) = mpsc::channel(CAPACITY);
    let items = Arc::new(Mutex::new(items));
    let started = Instant::now();
    let consumers: Vec<_> = (0..CONSUMERS)
        .map(|c| {
            let (items, record) = (items.clone(), tl.start(&format!("taker {}", c + 1)));
            tokio::spawn(async move {
                let mut took = 0;
                loop {
                    // The lock is held while waiting for an item, and let go
                    // at the end of the statement, before the work.
                    let item = items.lock().await.recv().await;
                    let Some(_item) = item else { break };
                    sleep(unit).await; // the work
                    took += 1;
                }
                record.done(took) // the queue is empty and closed
            })
        })
        .collect();
    let record = tl.start("producer");
    for item in 0..ITEMS {
        queue.send(item).await.expect("the consumers are there");
    }
    drop(queue); // closed: each consumer ends once the queue is empty
    let producer_done = record.done(in_units(started.elapsed(), unit));
    let mut takers = Vec::new();
    for consumer in consumers {
        takers.push(consumer.await.expect("no consumer panics"));
    }
    Bounded {
        consumed: takers.iter().sum(),
        per_consumer: {
            takers.sort();
            takers
        },
        producer_done,
        all_done: in_units(started.elapsed(), unit),
    }
}
// ANCHOR_END: bounded

// ANCHOR: tries
pub async fn tries(_tl: Timeline, _unit: Duration) -> Tries {
    let (queue, mut items) = mpsc::channel::<u32>(1);
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

// ANCHOR: all_done
/// Python's `q.join()` waits until every item got its `task_done()`. In
/// Rust the usual way is to close the queue: the producer drops its
/// sender, each worker ends when the queue is empty and closed, and the
/// caller waits for the workers (here, a `JoinSet`).
pub async fn all_done(tl: Timeline, unit: Duration) -> AllDone {
    let (queue, jobs) = mpsc::channel::<usize>(JOBS);
    let jobs = Arc::new(Mutex::new(jobs));
    let started = Instant::now();
    let mut workers = JoinSet::new();
    for w in 0..WORKERS {
        let (jobs, record) = (jobs.clone(), tl.start(&format!("worker {}", w + 1)));
        workers.spawn(async move {
            let mut done = 0;
            loop {
                let job = jobs.lock().await.recv().await; // lock let go here
                let Some(_job) = job else { break };
                sleep(unit).await;
                done += 1;
            }
            record.done(done)
        });
    }
    for job in 0..JOBS {
        queue.send(job).await.expect("the workers are there");
    }
    drop(queue); // no more jobs
    let mut done = 0;
    while let Some(worker) = workers.join_next().await {
        done += worker.expect("no worker panics");
    }
    AllDone {
        done,
        units: in_units(started.elapsed(), unit),
    }
}
// ANCHOR_END: all_done

// ANCHOR: kinds
/// The other channels, each for its own job.
pub async fn kinds(_tl: Timeline, _unit: Duration) -> Kinds {
    // oneshot: one answer to one request. Each request carries the sender
    // its answer goes back on; the server keeps no list of who asked.
    let (requests, mut inbox) = mpsc::channel::<(u32, oneshot::Sender<u32>)>(8);
    tokio::spawn(async move {
        while let Some((question, reply_to)) = inbox.recv().await {
            let _ = reply_to.send(question * 2); // the asker may have gone
        }
    });
    let (reply_to, reply) = oneshot::channel();
    requests
        .send((QUESTION, reply_to))
        .await
        .expect("the server is there");
    let reply = reply.await.expect("the server answers");

    // broadcast: every subscriber gets every message. One that falls more
    // than the capacity behind gets `Lagged(missed)`, then goes on.
    let (news, _) = broadcast::channel(16);
    let subscribers: Vec<_> = (0..SUBSCRIBERS)
        .map(|_| {
            let mut inbox = news.subscribe();
            tokio::spawn(async move {
                let mut got = Vec::new();
                loop {
                    match inbox.recv().await {
                        Ok(update) => got.push(update),
                        Err(broadcast::error::RecvError::Lagged(_missed)) => continue,
                        Err(broadcast::error::RecvError::Closed) => break got,
                    }
                }
            })
        })
        .collect();
    for update in UPDATES {
        news.send(update).expect("there are subscribers");
    }
    drop(news); // closed: each subscriber's `recv` ends with `Closed`
    let mut broadcast = Vec::new();
    for subscriber in subscribers {
        broadcast.push(subscriber.await.expect("no subscriber panics"));
    }

    // watch: only the latest value. The watcher wakes on `changed()` and
    // reads the value then; updates that came while it was busy are gone,
    // and the last one is never missed.
    let (setting, mut current) = watch::channel(0);
    let watcher = tokio::spawn(async move {
        while current.changed().await.is_ok() {
            let _now = *current.borrow_and_update(); // act on the new value
        }
        *current.borrow() // the sender is gone: the last value it sent
    });
    for update in UPDATES {
        setting.send_replace(update);
    }
    drop(setting);
    let watched = watcher.await.expect("the watcher does not panic");
    Kinds {
        reply,
        broadcast,
        watched,
    }
}
// ANCHOR_END: kinds
