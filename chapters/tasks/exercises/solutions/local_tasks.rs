//! Run jobs that are not `Send` (they share an `Rc`) at the same time, on
//! one thread, and return their names in the order they finish.
//!
//! The checker's jobs wait different times with smol's timer (which works
//! under any executor), note the thread they ran on, and share an `Rc`.

use std::future::Future;
use std::pin::Pin;

/// A job that is not `Send`: a boxed future that returns the job's name.
pub type LocalJob = Pin<Box<dyn Future<Output = &'static str>>>;

/// Runs every job at once on this thread; returns the names as they finish.
pub fn run_local(jobs: Vec<LocalJob>) -> Vec<&'static str> {
    // BEGIN SOLUTION
    use std::cell::RefCell;
    use std::rc::Rc;
    let finished = Rc::new(RefCell::new(Vec::new()));
    let ex = smol::LocalExecutor::new();
    smol::block_on(ex.run(async {
        let tasks: Vec<_> = jobs
            .into_iter()
            .map(|job| {
                let finished = finished.clone();
                ex.spawn(async move {
                    let name = job.await;
                    finished.borrow_mut().push(name);
                })
            })
            .collect();
        for task in tasks {
            task.await;
        }
    }));
    finished.take()
    // END SOLUTION
    // STARTER todo!("run the jobs at once on this thread; collect the names as they finish")
}
