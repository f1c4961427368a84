//! The seeds' unsynchronised counter, `a = a + one()` in one thread and
//! `a = a - one()` in another, written the way Python writes it. Rust
//! refuses to compile it, so this file is not part of the crate: a test
//! (tests/sharing.rs) compiles it with rustc and checks the error code.

// ANCHOR: counter
fn one() -> i64 {
    1
}

/// Scoped threads may borrow `a` (they end before the scope does), but
/// two threads may not both borrow it mutably: error E0499.
pub fn add_and_subtract() -> i64 {
    let mut a: i64 = 0;
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for _ in 0..1_000_000 {
                a = a + one();
            }
        });
        scope.spawn(|| {
            for _ in 0..1_000_000 {
                a = a - one();
            }
        });
    });
    a
}
// ANCHOR_END: counter
