//! Wrong answer: `join_all`, which waits for all of them at once.
//!
//! Why a student writes it: it is `asyncio.gather`, and it takes the time
//! of the longest job. But it hands the results back in the order the
//! jobs were given, not the order they finished.

use std::future::Future;
use std::pin::Pin;

pub type LocalJob = Pin<Box<dyn Future<Output = &'static str>>>;

pub fn run_local(jobs: Vec<LocalJob>) -> Vec<&'static str> {
    smol::block_on(futures::future::join_all(jobs))
}
