//! Checks for `joinable_queue`, on tokio's current-thread runtime (so
//! they do not depend on the machine's cores), each within a time limit:
//! a `join` or a `get` that is never woken fails the check instead of
//! hanging it. The items are values drawn for the run.

use exercise_support::{Runtime, block_on_within, count_polls, random_values};
use queues_exercises::joinable_queue::JoinableQueue;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::{sleep, timeout};

const LIMIT: Duration = Duration::from_secs(3);
const WORK: Duration = Duration::from_millis(50);

#[test]
fn join_returns_once_every_item_is_finished_not_just_taken() {
    let items = random_values(6);
    let (finished_at_join, got) = block_on_within(
        Runtime::Tokio,
        {
            let items = items.clone();
            async move {
                let queue = Arc::new(JoinableQueue::new());
                let (finished, got) = (
                    Arc::new(AtomicUsize::new(0)),
                    Arc::new(Mutex::new(Vec::new())),
                );
                for item in items {
                    queue.put(item);
                }
                for _ in 0..3 {
                    let (queue, finished, got) = (queue.clone(), finished.clone(), got.clone());
                    tokio::spawn(async move {
                        loop {
                            let item = queue.get().await;
                            sleep(WORK).await; // the work, after the item left the queue
                            got.lock().unwrap().push(item);
                            finished.fetch_add(1, Ordering::SeqCst);
                            queue.task_done();
                        }
                    });
                }
                queue.join().await;
                let got = got.lock().unwrap().clone();
                (finished.load(Ordering::SeqCst), got)
            }
        },
        LIMIT,
    )
    .unwrap_or_else(|e| panic!("six items, three workers, then join: {e}"));
    assert_eq!(
        finished_at_join, 6,
        "join returned when {finished_at_join} of 6 items were finished: it must wait for every task_done, not for an empty queue"
    );
    let (mut got, mut items) = (got, items);
    got.sort();
    items.sort();
    assert_eq!(got, items, "each item put is got once");
}

#[test]
fn join_waits_while_an_item_is_unfinished_and_wakes_every_joiner() {
    let [item] = random_values(1)[..] else {
        unreachable!()
    };
    let (early, joined, polls) = block_on_within(
        Runtime::Tokio,
        async move {
            let queue = Arc::new(JoinableQueue::new());
            queue.put(item);
            let got = queue.get().await;
            // The queue is empty, but the item is not finished yet.
            let early = timeout(Duration::from_millis(100), queue.join())
                .await
                .is_ok();
            let joiners: Vec<_> = (0..3)
                .map(|_| {
                    let queue = queue.clone();
                    tokio::spawn(async move { count_polls(queue.join()).await.polls })
                })
                .collect();
            sleep(Duration::from_millis(300)).await;
            assert_eq!(got, item);
            queue.task_done();
            let mut joined = 0;
            let mut polls = 0;
            for joiner in joiners {
                if let Ok(Ok(p)) = timeout(Duration::from_millis(500), joiner).await {
                    joined += 1;
                    polls = polls.max(p);
                }
            }
            (early, joined, polls)
        },
        LIMIT,
    )
    .unwrap_or_else(|e| panic!("one item got but not finished, three joiners: {e}"));
    assert!(
        !early,
        "join returned while an item was got but not marked done"
    );
    assert_eq!(
        joined, 3,
        "task_done finished the last item: all three joiners must return, {joined} did"
    );
    assert!(
        polls <= 3,
        "a joiner was polled {polls} times while it waited 300 ms: it should sleep until woken"
    );
}

#[test]
fn join_on_a_queue_with_nothing_unfinished_returns_at_once() {
    let [item] = random_values(1)[..] else {
        unreachable!()
    };
    let (fresh, after) = block_on_within(
        Runtime::Tokio,
        async move {
            let queue = JoinableQueue::new();
            let fresh = count_polls(queue.join()).await.polls;
            queue.put(item);
            let _ = queue.get().await;
            queue.task_done();
            let after = count_polls(queue.join()).await.polls;
            (fresh, after)
        },
        LIMIT,
    )
    .unwrap_or_else(|e| panic!("join with nothing unfinished: {e}"));
    assert_eq!(fresh, 1, "join on a new queue must return without waiting");
    assert_eq!(
        after, 1,
        "join after every item was marked done must return without waiting"
    );
}

#[test]
fn get_waits_asleep_for_an_item_and_items_come_out_oldest_first() {
    let items = random_values(3);
    let (first, polls, rest) = block_on_within(
        Runtime::Tokio,
        {
            let items = items.clone();
            async move {
                let queue = Arc::new(JoinableQueue::new());
                let getter = {
                    let queue = queue.clone();
                    tokio::spawn(async move {
                        let got = count_polls(queue.get()).await;
                        (got.output, got.polls)
                    })
                };
                sleep(Duration::from_millis(300)).await;
                for &item in &items {
                    queue.put(item);
                }
                let (first, polls) = getter.await.unwrap();
                let rest = vec![queue.get().await, queue.get().await];
                (first, polls, rest)
            }
        },
        LIMIT,
    )
    .unwrap_or_else(|e| panic!("a get before the put: {e}"));
    assert!(
        polls <= 3,
        "get was polled {polls} times while it waited 300 ms: it should sleep until an item comes"
    );
    assert_eq!(
        [first, rest[0], rest[1]],
        items[..],
        "items come out in the order they were put"
    );
}
