//! Exercises for "Gather, wait and as-completed". Your code goes in
//! `starters/`; check it with `cargo exercise check NAME`. With the feature
//! `solutions`, the solutions are built instead (`cargo exercise verify`).

#[cfg(not(feature = "solutions"))]
#[path = "../starters/gather_in_order.rs"]
pub mod gather_in_order;
#[cfg(feature = "solutions")]
#[path = "../solutions/gather_in_order.rs"]
pub mod gather_in_order;

#[cfg(not(feature = "solutions"))]
#[path = "../starters/first_or_timeout.rs"]
pub mod first_or_timeout;
#[cfg(feature = "solutions")]
#[path = "../solutions/first_or_timeout.rs"]
pub mod first_or_timeout;
