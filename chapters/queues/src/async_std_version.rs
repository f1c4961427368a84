//! Queues on async-std: `async_std::channel`, which is the async-channel
//! crate (many senders, many receivers: a receiver can be cloned). For a
//! one-shot reply, futures' `oneshot`; for broadcast and watch, smol's
//! maintainers' async-broadcast: async-std has neither.

use crate::scenario::*;
use async_broadcast::RecvError;
use async_std::channel;
use async_std::task::{self, sleep};
use futures::channel::oneshot;
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
    // oneshot: futures' one-shot channel works on any runtime. Each
    // request carries the sender its answer goes back on.
    let (requests, inbox) = channel::bounded::<(u32, oneshot::Sender<u32>)>(8);
    task::spawn(async move {
        while let Ok((question, reply_to)) = inbox.recv().await {
            let _ = reply_to.send(question * 2);
        }
    });
    let (reply_to, reply) = oneshot::channel();
    requests
        .send((QUESTION, reply_to))
        .await
        .expect("the server is there");
    let reply = reply.await.expect("the server answers");

    // broadcast: async-broadcast. `new_receiver` is tokio's `subscribe`:
    // it gets what is sent from then on.
    let (news, inbox) = async_broadcast::broadcast(16);
    let subscribers: Vec<_> = (0..SUBSCRIBERS)
        .map(|_| {
            let mut inbox = news.new_receiver();
            task::spawn(async move {
                let mut got = Vec::new();
                loop {
                    match inbox.recv().await {
                        Ok(update) => got.push(update),
                        Err(RecvError::Overflowed(_missed)) => continue,
                        Err(RecvError::Closed) => break got,
                    }
                }
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

    // watch: no such channel here (tokio's works on any runtime, see the
    // page). async-broadcast with one place in overflow mode keeps only the
    // latest value: a reader that fell behind hears how many it missed,
    // then gets the latest.
    let (mut setting, mut current) = async_broadcast::broadcast(1);
    setting.set_overflow(true);
    let watcher = task::spawn(async move {
        let mut last = 0;
        loop {
            match current.recv().await {
                Ok(latest) => last = latest, // act on the new value
                Err(RecvError::Overflowed(_missed)) => continue,
                Err(RecvError::Closed) => break last,
            }
        }
    });
    for update in UPDATES {
        setting
            .broadcast(update)
            .await
            .expect("the watcher is there");
    }
    drop(setting);
    let watched = watcher.await;
    Kinds {
        reply,
        broadcast,
        watched,
    }
}
// ANCHOR_END: kinds
