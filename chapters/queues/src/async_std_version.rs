//! Queues on async-std: `async_std::channel`, which is the async-channel
//! crate (many senders, many receivers: a receiver can be cloned). For a
//! one-shot reply, futures' `oneshot`; for broadcast and watch, smol's
//! maintainers' async-broadcast: async-std has neither.

use crate::scenario::*;
use async_std::channel;
use async_std::task::{self, sleep};
use harness::Timeline;
use std::time::{Duration, Instant};

/// Runs a future to completion on async-std's global runtime.
pub fn block_on<F: Future>(future: F) -> F::Output {
    task::block_on(future)
}

// ANCHOR: bounded
/// The bounded queue with tasks. Each consumer has its own clone of the
/// receiver; each item goes to one of them.
pub async fn bounded(tl: Timeline, unit: Duration) -> Bounded {
    let (queue, items) = channel::bounded(CAPACITY);
    let started = Instant::now();
    let consumers: Vec<_> = (0..CONSUMERS)
        .map(|c| {
            let (items, record) = (items.clone(), tl.start(&format!("taker {}", c + 1)));
            task::spawn(async move {
                let mut took = 0;
                while let Ok(_item) = items.recv().await {
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
        takers.push(consumer.await);
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
    let (queue, items) = channel::bounded::<u32>(1);
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
/// Close the queue, and wait for the workers: each ends when the queue is
/// empty and closed.
pub async fn all_done(tl: Timeline, unit: Duration) -> AllDone {
    let (queue, jobs) = channel::bounded::<usize>(JOBS);
    let started = Instant::now();
    let workers: Vec<_> = (0..WORKERS)
        .map(|w| {
            let (jobs, record) = (jobs.clone(), tl.start(&format!("worker {}", w + 1)));
            task::spawn(async move {
                let mut done = 0;
                while let Ok(_job) = jobs.recv().await {
                    sleep(unit).await;
                    done += 1;
                }
                record.done(done)
            })
        })
        .collect();
    for job in 0..JOBS {
        queue.send(job).await.expect("the workers are there");
    }
    drop(queue); // no more jobs
    let mut done = 0;
    for worker in workers {
        done += worker.await;
    }
    AllDone {
        done,
        units: in_units(started.elapsed(), unit),
    }
}
// ANCHOR_END: all_done

// ANCHOR: kinds
pub async fn kinds(_tl: Timeline, _unit: Duration) -> Kinds {
    // oneshot: futures' one-shot channel works on any runtime.
    let (reply_to, reply) = futures::channel::oneshot::channel();
    task::spawn(async move {
        let _ = reply_to.send(QUESTION * 2);
    });
    let reply = reply.await.expect("the server answers");

    // broadcast: async-broadcast. A receiver cloned from another gets
    // what is sent after the clone.
    let (news, inbox) = async_broadcast::broadcast(16);
    let subscribers: Vec<_> = (0..SUBSCRIBERS)
        .map(|_| {
            let mut inbox = inbox.clone();
            task::spawn(async move {
                let mut got = Vec::new();
                while let Ok(update) = inbox.recv().await {
                    got.push(update);
                }
                got
            })
        })
        .collect();
    drop(inbox);
    for update in UPDATES {
        news.broadcast(update).await.expect("there are subscribers");
    }
    drop(news);
    let mut broadcast = Vec::new();
    for subscriber in subscribers {
        broadcast.push(subscriber.await);
    }

    // watch: no such channel. async-broadcast with one place, in overflow
    // mode, keeps the latest value; a reader that fell behind first hears
    // how many it missed.
    let (mut setting, mut current) = async_broadcast::broadcast(1);
    setting.set_overflow(true);
    for update in UPDATES {
        setting
            .broadcast(update)
            .await
            .expect("the reader is there");
    }
    let watched = loop {
        match current.recv().await {
            Ok(latest) => break latest,
            Err(async_broadcast::RecvError::Overflowed(_missed)) => continue,
            Err(closed) => panic!("{closed}"),
        }
    };
    Kinds {
        reply,
        broadcast,
        watched,
    }
}
// ANCHOR_END: kinds
