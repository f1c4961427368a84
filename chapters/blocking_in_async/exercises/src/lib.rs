//! Exercises for "Blocking code inside async". Your code goes in `starters/`; check it with
//! `cargo exercise check NAME`. With the feature `solutions`, the solutions
//! are built instead (`cargo exercise verify`).

#[cfg(not(feature = "solutions"))]
#[path = "../starters/offload_blocking.rs"]
pub mod offload_blocking;
#[cfg(feature = "solutions")]
#[path = "../solutions/offload_blocking.rs"]
pub mod offload_blocking;

#[cfg(not(feature = "solutions"))]
#[path = "../starters/wait_without_blocking.rs"]
pub mod wait_without_blocking;
#[cfg(feature = "solutions")]
#[path = "../solutions/wait_without_blocking.rs"]
pub mod wait_without_blocking;
