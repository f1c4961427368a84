//! Wrong answer: one order for every transfer, by the accounts' addresses
//! in memory instead of their ids.
//!
//! Why a student writes it: any fixed order prevents a deadlock between
//! transfers, and an address is always at hand. But the order must be the
//! one every locker uses: the auditor (like the rest of the program) goes
//! by id, and where the two orders disagree, they deadlock.

pub struct Account {
    pub id: u32,
    pub balance: tokio::sync::Mutex<i64>,
}

pub async fn transfer(from: &Account, to: &Account, amount: i64) {
    if std::ptr::eq(from, to) {
        return;
    }
    let from_first = (from as *const Account) < (to as *const Account);
    let (first, second) = if from_first { (from, to) } else { (to, from) };
    let mut first = first.balance.lock().await;
    let mut second = second.balance.lock().await;
    if from_first {
        *first -= amount;
        *second += amount;
    } else {
        *second -= amount;
        *first += amount;
    }
}
