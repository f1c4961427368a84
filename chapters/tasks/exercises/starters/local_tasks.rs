// Exercise `local_tasks`: replace the `todo` below with your code, then run
// `cargo exercise check local_tasks`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

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
    todo!("run the jobs at once on this thread; collect the names as they finish")
}
