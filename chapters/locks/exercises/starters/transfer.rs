// Exercise `transfer`: replace the `todo` below with your code, then run
// `cargo exercise check transfer`. (This file is made from the solution by
// `cargo exercise derive`; the solution is in ../solutions/.)
#![allow(unused)]

//! Moving money between two accounts, each behind its own lock. A transfer
//! holds both locks while it moves the money, so nobody sees it half done;
//! and every transfer takes the two locks in the same order (the lower id
//! first), so two transfers in opposite directions cannot deadlock.
//!
//! The checker runs transfers both ways at once on tokio's current-thread
//! runtime, next to an auditor that locks both accounts (lower id first),
//! checks the total, and holds them for a moment.

/// An account: its id (unique) and its balance, behind a lock.
pub struct Account {
    pub id: u32,
    pub balance: tokio::sync::Mutex<i64>,
}

/// Moves `amount` from `from` to `to`, holding both locks while it does.
/// A transfer from an account to itself changes nothing.
pub async fn transfer(from: &Account, to: &Account, amount: i64) {
    todo!("lock both accounts, always in the same order, and move the money")
}
