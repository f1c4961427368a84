//! Wrong answer: asks for both locks at once with `join!`.
//!
//! Why a student writes it: "take both together" sounds like it cannot
//! deadlock. But `join!` asks for `from` first and `to` second in every
//! poll, in whatever order the arguments come: it holds whichever it got
//! and waits for the other, as the deadlocking version does.

pub struct Account {
    pub id: u32,
    pub balance: tokio::sync::Mutex<i64>,
}

pub async fn transfer(from: &Account, to: &Account, amount: i64) {
    if from.id == to.id {
        return;
    }
    let (mut from_balance, mut to_balance) = tokio::join!(from.balance.lock(), to.balance.lock());
    *from_balance -= amount;
    *to_balance += amount;
}
