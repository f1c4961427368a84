// Exercise `within_budget`: replace the `todo` below with your code, then run
// `cargo exercise check within_budget`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! Jobs of different sizes within one budget (of memory, say): the sizes
//! of the jobs running at once never add up to more than `BUDGET`. A
//! semaphore with `BUDGET` permits, and each job takes as many permits as
//! its size, all at once. A job larger than the whole budget could never
//! run: it is refused at once instead of waiting forever.
//!
//! The checker's jobs take 100 to 200 ms, return values drawn for the run,
//! and add up the sizes running at once.

use std::future::Future;
use std::pin::Pin;

/// The budget: the sizes running at once add up to this at most.
pub const BUDGET: u32 = 10;

/// A job: how much of the budget it needs, and its work.
pub struct Job {
    pub size: u32,
    pub work: Pin<Box<dyn Future<Output = u32> + Send>>,
}

/// A job larger than the whole budget.
#[derive(Debug, PartialEq)]
pub struct TooBig(pub u32);

/// Runs every job as a task, as many at once as the budget allows, and
/// returns each job's value in the order of `jobs`, or `TooBig` for a job
/// that can never fit (without running it).
pub async fn run_within_budget(jobs: Vec<Job>) -> Vec<Result<u32, TooBig>> {
    todo!("a semaphore of BUDGET permits; each job takes `size` permits at once, in its own task")
}
