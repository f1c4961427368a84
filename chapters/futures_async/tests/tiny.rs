//! The tiny runtime on its own: many tasks, timers that end out of order,
//! a thousand sockets at once, and `block_on` without a busy loop.

use futures::future::join_all;
use futures_async::counting::{Counts, counted};
use futures_async::tiny;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[test]
fn spawned_tasks_all_run_and_their_handles_give_their_outputs() {
    let outputs = tiny::block_on(async {
        let handles: Vec<_> = (0..10_000u64)
            .map(|i| tiny::spawn(async move { i * 2 }))
            .collect();
        join_all(handles).await
    });
    assert_eq!(outputs, (0..10_000u64).map(|i| i * 2).collect::<Vec<_>>());
}

#[test]
fn timers_end_in_deadline_order_not_in_the_order_they_were_made() {
    let order = Arc::new(std::sync::Mutex::new(Vec::new()));
    let started = Instant::now();
    tiny::block_on(async {
        let handles: Vec<_> = [90u64, 30, 60, 10]
            .into_iter()
            .map(|ms| {
                let order = order.clone();
                tiny::spawn(async move {
                    tiny::sleep(Duration::from_millis(ms)).await;
                    order.lock().unwrap().push(ms);
                })
            })
            .collect();
        join_all(handles).await;
    });
    assert_eq!(*order.lock().unwrap(), [10, 30, 60, 90]);
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(90), "{took:?}");
    assert!(
        took < Duration::from_millis(400),
        "the timers waited together: {took:?}"
    );
}

#[test]
fn a_sleep_is_polled_twice_and_woken_once() {
    let counts = Arc::new(Counts::default());
    tiny::block_on(counted(
        tiny::sleep(Duration::from_millis(30)),
        counts.clone(),
    ));
    assert_eq!((counts.polls(), counts.wakes()), (2, 1), "{counts:?}");
}

#[test]
fn a_dropped_sleep_wakes_nobody() {
    let counts = Arc::new(Counts::default());
    tiny::block_on(async {
        let sleep = counted(tiny::sleep(Duration::from_millis(20)), counts.clone());
        // Poll it once (it leaves its waker with the timer), then drop it.
        let _ = futures::poll!(Box::pin(sleep));
        tiny::sleep(Duration::from_millis(60)).await;
    });
    assert_eq!((counts.polls(), counts.wakes()), (1, 0), "{counts:?}");
}

#[test]
fn a_thousand_sockets_wait_at_once_on_one_thread() {
    // Each side of each connection is a file descriptor.
    harness::open_files::ensure(harness::open_files::needed_for(1000), "1000 connections")
        .expect("enough open files");
    let server = slow_server::start(slow_server::Config::with_delay(Duration::from_millis(300)))
        .expect("the slow server starts");
    let addr = server.addr;
    let started = Instant::now();
    let titles: Vec<String> = tiny::block_on(async move {
        let handles: Vec<_> = (0..1000)
            .map(|i| {
                tiny::spawn(async move {
                    let stream = tiny::TcpStream::connect(addr).expect("connect on loopback");
                    let page = http_get::get(stream, &addr.to_string(), &format!("/detail/{i}"))
                        .await
                        .expect("a page");
                    http_get::title(&page.body).unwrap_or_default().to_string()
                })
            })
            .collect();
        join_all(handles).await
    });
    let took = started.elapsed();
    assert_eq!(titles.len(), 1000);
    assert!(
        titles.iter().all(|t| !t.is_empty()),
        "every page has a title"
    );
    assert_eq!(
        server.stats.peak_in_flight(),
        1000,
        "all waited at the server at once"
    );
    assert!(
        took < Duration::from_millis(3000),
        "1000 pages of 300 ms took {took:?}"
    );
}

#[test]
fn park_block_on_sleeps_between_polls() {
    // A future that is woken by another thread after 50 ms: block_on polls
    // it twice, not thousands of times.
    let polls = Arc::new(AtomicUsize::new(0));
    struct WokenLater {
        polls: Arc<AtomicUsize>,
        started: Option<Instant>,
    }
    impl Future for WokenLater {
        type Output = ();
        fn poll(
            mut self: std::pin::Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
        ) -> std::task::Poll<()> {
            self.polls.fetch_add(1, Ordering::SeqCst);
            match self.started {
                Some(at) if at.elapsed() >= Duration::from_millis(50) => std::task::Poll::Ready(()),
                Some(_) => std::task::Poll::Pending, // woken for no reason: wait on
                None => {
                    self.started = Some(Instant::now());
                    let waker = cx.waker().clone();
                    std::thread::spawn(move || {
                        std::thread::sleep(Duration::from_millis(50));
                        waker.wake();
                    });
                    std::task::Poll::Pending
                }
            }
        }
    }
    tiny::park::block_on(WokenLater {
        polls: polls.clone(),
        started: None,
    });
    let polls = polls.load(Ordering::SeqCst);
    assert!((2..=4).contains(&polls), "polled {polls} times");
}

#[test]
fn spawn_outside_block_on_says_so() {
    let Err(panic) = std::panic::catch_unwind(|| tiny::spawn(async {})) else {
        panic!("spawn outside block_on did not panic");
    };
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("inside tiny::block_on"), "{message}");
}

/// Wakes its own waker twice during its first poll, then is ready.
struct WakesTwice(bool);

impl Future for WakesTwice {
    type Output = ();
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        if self.0 {
            return std::task::Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        cx.waker().wake_by_ref();
        std::task::Poll::Pending
    }
}

#[test]
fn a_task_woken_twice_before_its_poll_is_polled_once() {
    // Two wakes during the first poll queue the task once: its second poll
    // finds the sleep pending, and the timer's wake brings the third. A
    // task queued twice would be polled twice in the next round (4 polls).
    let counts = Arc::new(Counts::default());
    let for_task = counts.clone();
    tiny::block_on(async move {
        let task = async {
            WakesTwice(false).await;
            tiny::sleep(Duration::from_millis(30)).await;
        };
        tiny::spawn(counted(task, for_task)).await;
    });
    assert_eq!((counts.polls(), counts.wakes()), (3, 3), "{counts:?}");
}

/// CPU time this thread has used, in clock ticks (Linux).
fn thread_cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    // After the name: state is field 3; utime and stime are fields 14, 15.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn two_runtimes_on_two_threads_both_sleep_while_they_wait() {
    let threads: Vec<_> = (0..2)
        .map(|_| {
            std::thread::spawn(|| {
                let before = thread_cpu_ticks();
                tiny::block_on(tiny::sleep(Duration::from_millis(400)));
                thread_cpu_ticks() - before
            })
        })
        .collect();
    for thread in threads {
        let ticks = thread.join().unwrap();
        assert!(
            ticks <= 5,
            "a block_on used {ticks} ticks of CPU while it waited 400 ms"
        );
    }
}

#[test]
fn connect_outside_block_on_is_an_error() {
    let err = tiny::TcpStream::connect("127.0.0.1:9".parse().unwrap())
        .err()
        .unwrap();
    assert!(err.to_string().contains("inside tiny::block_on"), "{err}");
}

#[test]
fn a_wake_only_queues_the_task_and_its_poll_waits_for_the_blocked_thread() {
    let tl = harness::Timeline::new();
    let unit = Duration::from_millis(100);
    tiny::block_on(futures_async::tiny_version::polls_and_wakes(
        tl.clone(),
        unit,
    ));
    let events = tl.events();
    let times = |lane: &str, event: &str| -> Vec<Duration> {
        let of = events.iter().filter(|e| e.task == lane && e.event == event);
        of.map(|e| e.at).collect()
    };
    let (polls, wakes) = (times("short", "poll"), times("short", "wake"));
    assert_eq!((polls.len(), wakes.len()), (2, 1), "{events:#?}");
    let blocked_until = tl.time_of("blocking", "done").unwrap();
    // The timer wakes `short` after one unit (never sooner), while the one
    // thread is still inside `blocking`'s poll: the poll that follows comes
    // only once that poll has returned.
    assert!(polls[0] < wakes[0] && wakes[0] < polls[1], "{events:#?}");
    assert!(wakes[0] >= unit, "woken before its timer: {events:#?}");
    assert!(wakes[0] < blocked_until, "{events:#?}");
    assert!(polls[1] >= blocked_until, "{events:#?}");
    // Every task was polled once at the start and once to finish.
    for lane in ["short", "long", "blocking"] {
        let expected = if lane == "blocking" { 1 } else { 2 };
        assert_eq!(times(lane, "poll").len(), expected, "{lane}: {events:#?}");
    }
}
