//! Exercises for "A concurrent crawler". Your code goes in `starters/`;
//! check it with `cargo exercise check NAME`.
//!
//! One module per exercise in `exercises.txt`, built from `starters/NAME.rs`;
//! `cargo exercise verify` builds `solutions/NAME.rs` (feature `solutions`)
//! or a wrong answer, `wrong/NAME/*.rs`, instead. The build script
//! (tools/exercise-support/select_modules.rs) writes the list.

include!(concat!(env!("OUT_DIR"), "/exercises.rs"));
