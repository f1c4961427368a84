//! Wrong answer: detaches the tasks, then runs the executor for a fixed
//! time "long enough" for them to finish.
//!
//! Why a student writes it: the tasks are detached, so there is no handle
//! to await, and `executor.run(...)` needs some future to run until; a
//! timer is the first one at hand. It returns after the guess whether the
//! jobs are done or not: a job longer than the guess is dropped with the
//! executor and its name is missing, and short jobs wait for the guess.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

pub type LocalJob = Pin<Box<dyn Future<Output = &'static str>>>;

pub fn run_local(jobs: Vec<LocalJob>) -> Vec<&'static str> {
    let finished = Rc::new(RefCell::new(Vec::new()));
    let ex = smol::LocalExecutor::new();
    for job in jobs {
        let finished = finished.clone();
        ex.spawn(async move {
            let name = job.await;
            finished.borrow_mut().push(name);
        })
        .detach();
    }
    smol::block_on(ex.run(smol::Timer::after(Duration::from_millis(400))));
    finished.take()
}
