// Exercise `park_block_on`: replace the `todo` below with your code, then run
// `cargo exercise check park_block_on`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! `block_on`: run a future to its end on the calling thread, the heart of
//! every runtime. Between polls the thread must sleep until the future's
//! waker is called: no busy loop, no fixed naps.
//!
//! The checker runs futures woken from other threads, futures that wake
//! themselves while being polled, and counts the polls. Tools:
//! `std::task::{Wake, Waker, Context}`, `std::thread::{park, current}`,
//! `std::pin::pin!`.

use std::future::Future;

/// Polls `future` until it is ready, sleeping between polls until it is woken.
pub fn block_on<F: Future>(future: F) -> F::Output {
    todo!("poll the future; between polls, sleep until its waker is called")
}
