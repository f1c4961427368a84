//! Wrong answer: one lock at a time: take the money out, let go, then put
//! it in.
//!
//! Why a student writes it: holding one lock at a time cannot deadlock.
//! But between the two steps the money is in neither account, and anyone
//! who looks (the auditor, a report) sees it missing.

pub struct Account {
    pub id: u32,
    pub balance: tokio::sync::Mutex<i64>,
}


pub async fn transfer(from: &Account, to: &Account, amount: i64) {
    *from.balance.lock().await -= amount;
    *to.balance.lock().await += amount;
}
