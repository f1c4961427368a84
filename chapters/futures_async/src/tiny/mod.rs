//! A runtime small enough to read in one sitting: the same parts as tokio,
//! async-std and smol, each as short as it can be.
//!
//! - [`park::block_on`]: the smallest executor, one future on the calling
//!   thread, asleep (parked) until its waker wakes it.
//! - [`executor`]: `block_on` with `spawn`, a queue of woken tasks, and the
//!   reactor's wait as the place the thread sleeps.
//! - [`timer`]: `sleep`, whose wakers a timer thread wakes.
//! - [`reactor`]: epoll (through the `polling` crate) and a non-blocking
//!   `TcpStream` whose reads and writes wait for readiness.
//!
//! Each `block_on` runs its tasks on its own thread, with a reactor of its
//! own. It has no fairness, no cancellation of spawned tasks, no blocking
//! pool and no work stealing: see the chapter for what the real runtimes
//! add.

pub mod executor;
pub mod park;
pub mod reactor;
pub mod timer;

pub use executor::{JoinHandle, block_on, spawn};
pub use reactor::TcpStream;
pub use timer::sleep;
