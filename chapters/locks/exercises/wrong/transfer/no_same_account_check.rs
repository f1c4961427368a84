//! Wrong answer: the locks in id order, but no check for a transfer from
//! an account to itself.
//!
//! Why a student writes it: the ordering fixes the deadlock between two
//! accounts. With one account, both "locks" are the same lock, taken twice
//! by the same task: tokio's `Mutex` is not re-entrant, and it waits for
//! itself forever.

pub struct Account {
    pub id: u32,
    pub balance: tokio::sync::Mutex<i64>,
}


pub async fn transfer(from: &Account, to: &Account, amount: i64) {
    let (first, second) = if from.id <= to.id { (from, to) } else { (to, from) };
    let mut first = first.balance.lock().await;
    let mut second = second.balance.lock().await;
    if from.id < to.id {
        *first -= amount;
        *second += amount;
    } else {
        *second -= amount;
        *first += amount;
    }
}
