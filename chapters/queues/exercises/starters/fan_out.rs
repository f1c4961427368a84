// Exercise `fan_out`: replace the `todo` below with your code, then run
// `cargo exercise check fan_out`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! A pool of workers fed by one queue: jobs arrive on a
//! `tokio::sync::mpsc` channel, numbered, as the checker sends them (some
//! only later); `workers` tasks take them, run them, and stop when the
//! queue is empty and closed. tokio's `mpsc` has a single receiver: the
//! workers must share it.
//!
//! `fan_out` returns each job's result in the place its number says (the
//! numbers are 0, 1, 2, ... with none missing). At most `workers` jobs may
//! run at once, and as many as that should whenever there are jobs
//! waiting, so that a long job does not hold up the others. The checker
//! runs on tokio's current-thread runtime with jobs that count how many
//! run at once.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};

/// One job: its result, when awaited.
pub type Job = Pin<Box<dyn Future<Output = u32> + Send>>;

pub async fn fan_out(jobs: mpsc::Receiver<(usize, Job)>, workers: usize) -> Vec<u32> {
    todo!("let `workers` tasks share the receiver, each running jobs until the queue is closed")
}
