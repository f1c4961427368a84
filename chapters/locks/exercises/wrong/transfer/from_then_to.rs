//! Wrong answer: locks `from`, then `to`.
//!
//! Why a student writes it: it reads like the task: take from one, give to
//! the other. A transfer from a to b holds a and waits for b; one from b
//! to a holds b and waits for a: the seeds' A(a, b) / B(b, a) deadlock.

pub struct Account {
    pub id: u32,
    pub balance: tokio::sync::Mutex<i64>,
}


pub async fn transfer(from: &Account, to: &Account, amount: i64) {
    let mut from_balance = from.balance.lock().await;
    let mut to_balance = to.balance.lock().await;
    *from_balance -= amount;
    *to_balance += amount;
}
