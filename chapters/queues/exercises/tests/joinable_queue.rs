//! Checks for `joinable_queue`, on tokio's current-thread runtime (so
//! they do not depend on the machine's cores), each within a time limit:
//! a `join` or a `get` that is never woken fails the check instead of
//! hanging it. The items are values drawn for the run.

use exercise_support::{Runtime, block_on_within, count_polls, random_values};
use queues_exercises::joinable_queue::JoinableQueue;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::time::{sleep, timeout};

const LIMIT: Duration = Duration::from_secs(3);
/// How long the joiners and the getter wait: two lengths, so that no
/// fixed period of looking passes both the poll count and the lateness.
const JOIN_WAIT: Duration = Duration::from_millis(770);
const GET_WAIT: Duration = Duration::from_millis(330);
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
    let (early, joined, polls, late) = block_on_within(
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
                    tokio::spawn(async move {
                        let polls = count_polls(queue.join()).await.polls;
                        (polls, Instant::now())
                    })
                })
                .collect();
            // Not a multiple of any round number of milliseconds: a joiner
            // that looks every so often is caught by its polls or by how
            // late it goes.
            sleep(JOIN_WAIT).await;
            assert_eq!(got, item);
            let done_at = Instant::now();
            queue.task_done();
            let (mut joined, mut polls, mut late) = (0, 0, Duration::ZERO);
            for joiner in joiners {
                if let Ok(Ok((p, went))) = timeout(Duration::from_millis(800), joiner).await {
                    joined += 1;
                    polls = polls.max(p);
                    late = late.max(went.saturating_duration_since(done_at));
                }
            }
            (early, joined, polls, late)
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
        "a joiner was polled {polls} times while it waited {JOIN_WAIT:?}: it should sleep until woken"
    );
    assert!(
        late < Duration::from_millis(100),
        "a joiner returned {late:?} after the last task_done: it should be woken, not look now and then"
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
    let (first, polls, late, rest) = block_on_within(
        Runtime::Tokio,
        {
            let items = items.clone();
            async move {
                let queue = Arc::new(JoinableQueue::new());
                let getter = {
                    let queue = queue.clone();
                    tokio::spawn(async move {
                        let got = count_polls(queue.get()).await;
                        (got.output, got.polls, Instant::now())
                    })
                };
                sleep(GET_WAIT).await;
                let put_at = Instant::now();
                for &item in &items {
                    queue.put(item);
                }
                let (first, polls, went) = getter.await.unwrap();
                let rest = vec![queue.get().await, queue.get().await];
                (first, polls, went.saturating_duration_since(put_at), rest)
            }
        },
        LIMIT,
    )
    .unwrap_or_else(|e| panic!("a get before the put: {e}"));
    assert!(
        polls <= 3,
        "get was polled {polls} times while it waited {GET_WAIT:?}: it should sleep until an item comes"
    );
    assert!(
        late < Duration::from_millis(100),
        "get returned {late:?} after the item was put: it should be woken, not look now and then"
    );
    assert_eq!(
        [first, rest[0], rest[1]],
        items[..],
        "items come out in the order they were put"
    );
}

/// A getter is woken for an item, but another `get` that did not wait
/// takes the item first: the woken getter must go back to waiting, not go
/// on with nothing, and get the next item.
#[test]
fn a_getter_woken_for_an_item_someone_else_took_waits_for_the_next() {
    let [first, second] = random_values(2)[..] else {
        unreachable!()
    };
    let (took, waited_for) = block_on_within(
        Runtime::Tokio,
        async move {
            let queue = Arc::new(JoinableQueue::new());
            let getter = {
                let queue = queue.clone();
                tokio::spawn(async move { queue.get().await })
            };
            sleep(Duration::from_millis(50)).await; // the getter waits
            // No `.await` that could yield between these two: the waiting
            // getter is woken, but this task takes the item first.
            queue.put(first);
            let took = queue.get().await;
            sleep(Duration::from_millis(50)).await; // the getter runs, finds nothing
            queue.put(second);
            let waited_for = timeout(Duration::from_millis(500), getter).await;
            (took, waited_for)
        },
        LIMIT,
    )
    .unwrap_or_else(|e| panic!("a getter woken for an item another took: {e}"));
    assert_eq!(took, first);
    match waited_for {
        Ok(Ok(got)) => assert_eq!(got, second, "the woken getter gets the next item"),
        Ok(Err(e)) => panic!(
            "the getter woken for an item another get took panicked ({e}): a wake-up does not mean an item is there; look again"
        ),
        Err(_) => panic!("the getter did not get the next item within 500 ms"),
    }
}

/// Python raises `ValueError` when `task_done()` is called more times than
/// items were put; the queue must not quietly count below zero.
#[test]
fn task_done_called_too_often_panics() {
    let queue = JoinableQueue::<u32>::new();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| queue.task_done()));
    assert!(
        result.is_err(),
        "task_done() with nothing unfinished must panic (Python raises ValueError), not be ignored"
    );
}

/// On a runtime with two worker threads, `put` and `task_done` can happen
/// at the very moment another task looks at the queue. Many rounds, each
/// with a time limit: a wake-up sent before the change it announces, or a
/// waiter that starts listening after it looked, leaves a task asleep.
#[test]
fn many_rounds_on_two_threads_never_leave_a_waiter_asleep() {
    const ROUNDS: usize = 20_000;
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_time()
            .build()
            .expect("a runtime with two worker threads");
        let outcome = runtime.block_on(async {
            let queue = Arc::new(JoinableQueue::new());
            let worker = {
                let queue = queue.clone();
                tokio::spawn(async move {
                    loop {
                        let _ = queue.get().await;
                        queue.task_done();
                    }
                })
            };
            let started = std::time::Instant::now();
            for round in 0..ROUNDS {
                if started.elapsed() > Duration::from_secs(10) {
                    break; // slow, but nothing stalled: other checks say why
                }
                queue.put(round as u32);
                if timeout(Duration::from_secs(2), queue.join()).await.is_err() {
                    return Err(round);
                }
            }
            worker.abort();
            Ok(())
        });
        let _ = done.send(outcome);
        runtime.shutdown_background();
    });
    match result.recv_timeout(Duration::from_secs(60)) {
        Ok(Ok(())) => {}
        Ok(Err(round)) => panic!(
            "round {round} of {ROUNDS} (put, then join, a worker on the other thread) stopped: a wake-up was missed"
        ),
        Err(_) => panic!("the rounds did not finish within 60 s"),
    }
}
