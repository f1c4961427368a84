//! Exercises for "Blocking and non-blocking, sync and async". Your code goes in `starters/`; check it with
//! `cargo exercise check NAME`. With the feature `solutions`, the solutions
//! are built instead (`cargo exercise verify`).

#[cfg(not(feature = "solutions"))]
#[path = "../starters/fetch_concurrently.rs"]
pub mod fetch_concurrently;
#[cfg(feature = "solutions")]
#[path = "../solutions/fetch_concurrently.rs"]
pub mod fetch_concurrently;

#[cfg(not(feature = "solutions"))]
#[path = "../starters/at_most_k.rs"]
pub mod at_most_k;
#[cfg(feature = "solutions")]
#[path = "../solutions/at_most_k.rs"]
pub mod at_most_k;
