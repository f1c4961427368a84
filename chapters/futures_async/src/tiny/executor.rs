//! `block_on` with `spawn`: the futures given to `spawn` become tasks,
//! polled on the thread that runs `block_on`, each time their waker puts
//! them back on the queue.

use super::reactor::Reactor;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

type BoxedTask = Pin<Box<dyn Future<Output = ()> + Send>>;

// ANCHOR: task
/// What `block_on` runs: the tasks woken since their last poll, whether
/// the future given to `block_on` itself was woken, and the reactor its
/// thread sleeps in.
struct Queue {
    woken: Mutex<VecDeque<Arc<Task>>>,
    main_woken: AtomicBool,
    reactor: Arc<Reactor>,
}

/// A spawned future, and the queue it goes back on when woken.
struct Task {
    future: Mutex<Option<BoxedTask>>,
    queue: Arc<Queue>,
    /// In the queue already: a second wake before the poll adds nothing.
    queued: AtomicBool,
}

/// A task's waker is the task itself: waking it queues it (once), and
/// interrupts the reactor's wait in case the runtime's thread sleeps there.
impl Wake for Task {
    fn wake(self: Arc<Self>) {
        if self.queued.swap(true, Ordering::SeqCst) {
            return;
        }
        let queue = self.queue.clone();
        queue.woken.lock().unwrap().push_back(self);
        queue.reactor.notify();
    }
}

impl Task {
    fn poll(self: &Arc<Self>) {
        // A wake from now on queues the task again, for the next round.
        self.queued.store(false, Ordering::SeqCst);
        let mut slot = self.future.lock().unwrap();
        if let Some(mut future) = slot.take() {
            let waker = Waker::from(self.clone());
            if future
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
            {
                *slot = Some(future); // not done: keep it for the next wake
            }
        }
    }
}
// ANCHOR_END: task

/// The waker of the future given to `block_on`.
struct MainWaker(Arc<Queue>);

impl Wake for MainWaker {
    fn wake(self: Arc<Self>) {
        self.0.main_woken.store(true, Ordering::SeqCst);
        self.0.reactor.notify();
    }
}

thread_local! {
    /// The queue of the `block_on` running on this thread, for `spawn`.
    static CURRENT: RefCell<Option<Arc<Queue>>> = const { RefCell::new(None) };
}

/// The reactor of the `block_on` running on this thread, for `TcpStream`.
pub(super) fn current_reactor() -> Option<Arc<Reactor>> {
    CURRENT.with(|c| c.borrow().as_ref().map(|queue| queue.reactor.clone()))
}

// ANCHOR: block_on
/// Runs `future` and every task spawned meanwhile on this thread, until
/// `future` is ready. When nothing is woken, the thread sleeps in the
/// reactor's wait (epoll) until a socket is ready or a waker notifies it.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let reactor = Reactor::new().expect("could not create an epoll instance");
    let queue = Arc::new(Queue {
        woken: Mutex::default(),
        main_woken: AtomicBool::new(false),
        reactor: Arc::new(reactor),
    });
    let previous = CURRENT.with(|c| c.replace(Some(queue.clone())));
    let waker = Waker::from(Arc::new(MainWaker(queue.clone())));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    queue.main_woken.store(true, Ordering::SeqCst); // poll it once to start
    let output = loop {
        if queue.main_woken.swap(false, Ordering::SeqCst) {
            if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                break output;
            }
        }
        // Poll every task woken so far, once each; a task woken again while
        // this runs goes to the back of the queue, for the next round.
        let woken: Vec<Arc<Task>> = queue.woken.lock().unwrap().drain(..).collect();
        for task in &woken {
            task.poll();
        }
        let idle = woken.is_empty() && !queue.main_woken.load(Ordering::SeqCst);
        if idle {
            // A wake that came since the check above has notified the
            // reactor, and a notified wait returns at once: none is lost.
            queue.reactor.wait();
        }
    };
    CURRENT.with(|c| c.replace(previous));
    // Tasks not finished are dropped with the queue and the reactor's
    // wakers (a task a timer still holds, when the timer fires).
    queue.woken.lock().unwrap().clear();
    queue.reactor.clear();
    output
}
// ANCHOR_END: block_on

// ANCHOR: spawn
/// Where a task leaves its output for its `JoinHandle`.
struct Slot<T> {
    output: Option<T>,
    waiter: Option<Waker>,
}

/// Starts `future` as a task of the `block_on` running on this thread: it
/// is queued at once, and runs as soon as that `block_on` gets to it.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let queue = CURRENT
        .with(|c| c.borrow().clone())
        .expect("tiny::spawn is called inside tiny::block_on");
    let slot = Arc::new(Mutex::new(Slot {
        output: None,
        waiter: None,
    }));
    let for_task = slot.clone();
    let task = Arc::new(Task {
        queued: AtomicBool::new(true), // queued below
        future: Mutex::new(Some(Box::pin(async move {
            let output = future.await;
            let mut slot = for_task.lock().unwrap();
            slot.output = Some(output);
            if let Some(waiter) = slot.waiter.take() {
                waiter.wake();
            }
        }))),
        queue: queue.clone(),
    });
    queue.woken.lock().unwrap().push_back(task);
    JoinHandle { slot }
}

/// The output of a spawned task. Dropping the handle detaches the task: it
/// runs on, and its output is dropped (as with tokio and async-std).
pub struct JoinHandle<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        // Look and leave the waker under one lock: the task cannot finish
        // between the two, so its wake-up cannot be lost.
        let mut slot = self.slot.lock().unwrap();
        match slot.output.take() {
            Some(output) => Poll::Ready(output),
            None => {
                slot.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
// ANCHOR_END: spawn
