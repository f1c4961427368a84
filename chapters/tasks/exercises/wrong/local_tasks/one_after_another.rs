//! Wrong answer: runs the jobs one after another.
//!
//! Why a student writes it: `spawn` refuses the jobs (they are not
//! `Send`), and `block_on` on each one compiles. But then they wait in
//! turn: the times add up, and the names come back in the order given.

use std::future::Future;
use std::pin::Pin;

pub type LocalJob = Pin<Box<dyn Future<Output = &'static str>>>;

pub fn run_local(jobs: Vec<LocalJob>) -> Vec<&'static str> {
    jobs.into_iter().map(smol::block_on).collect()
}
