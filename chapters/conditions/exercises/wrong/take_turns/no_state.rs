//! Wrong answer: only a `Notify`, no record of whose turn it is: a player
//! waits for a notification, and `end_turn` notifies.
//!
//! Why a student writes it: the tutorial's dialogue is written this way,
//! with a bare condition. A notification remembers nothing: every waiter
//! goes on at the next one, whoever's turn it is, player 0 waits for a
//! notification nobody sends, and a player who arrives after its turn came
//! waits forever.

use tokio::sync::Notify;

pub struct Turns {
    changed: Notify,
}

impl Turns {
    pub fn new(_players: usize) -> Turns {
        Turns {
            changed: Notify::new(),
        }
    }

    pub async fn wait_for_turn(&self, _player: usize) {
        self.changed.notified().await;
    }

    pub fn end_turn(&self) {
        self.changed.notify_waiters();
    }
}
