//! Wrong answer: one global lock around every transfer, then `from` before
//! `to`.
//!
//! Why a student writes it: with one transfer at a time, two transfers
//! cannot lock in opposite orders. But the transfers are not the only
//! lockers: anyone who takes the accounts' locks in the agreed order (here
//! the auditor) still deadlocks with a transfer that holds the higher id
//! and waits for the lower.

pub struct Account {
    pub id: u32,
    pub balance: tokio::sync::Mutex<i64>,
}

static ALL_TRANSFERS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub async fn transfer(from: &Account, to: &Account, amount: i64) {
    if from.id == to.id {
        return;
    }
    let _one_at_a_time = ALL_TRANSFERS.lock().await;
    let mut from_balance = from.balance.lock().await;
    let mut to_balance = to.balance.lock().await;
    *from_balance -= amount;
    *to_balance += amount;
}
