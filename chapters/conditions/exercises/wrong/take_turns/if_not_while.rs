//! Wrong answer: looks at the turn once, with `if`, waits once, then
//! plays.
//!
//! Why a student writes it: it reads like the sentence "if it is not my
//! turn, wait". But every waiter is woken when the turn changes, and only
//! one of them has its turn: the others play out of turn.

use std::sync::Mutex;
use tokio::sync::Notify;

pub struct Turns {
    players: usize,
    turn: Mutex<usize>,
    changed: Notify,
}

impl Turns {
    pub fn new(players: usize) -> Turns {
        Turns {
            players,
            turn: Mutex::new(0),
            changed: Notify::new(),
        }
    }

    pub async fn wait_for_turn(&self, player: usize) {
        let mut changed = std::pin::pin!(self.changed.notified());
        changed.as_mut().enable();
        if *self.turn.lock().unwrap() != player {
            changed.await;
        }
    }

    pub fn end_turn(&self) {
        let mut turn = self.turn.lock().unwrap();
        *turn = (*turn + 1) % self.players;
        self.changed.notify_waiters();
    }
}
